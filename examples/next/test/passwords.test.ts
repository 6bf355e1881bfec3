// The shared password suite against a second `next start` of the same build, with PASSWORD_MAILBOX set: the example
// then offers the Password provider (accounts in memory, JWT sessions) and appends each mail to that file.
import { rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { definePasswordSuite } from '@latch/core/testing'
import { readMailbox, signInHelper, startNext } from './next-server'

const mailbox = join(tmpdir(), `latch-next-passwords-${process.pid}.jsonl`)

if (!process.env.LATCH_E2E_BASE_URL) {
  definePasswordSuite({
    name: 'next',
    basePath: '/api/auth',
    protectedApi: '/api/me',
    signInHelper,
    async start() {
      const server = await startNext(() => ({ PASSWORD_MAILBOX: mailbox }))
      return { baseUrl: server.baseUrl, close: async () => (await server.close(), await rm(mailbox, { force: true })) }
    },
    mailbox: readMailbox(mailbox),
  })
}
