// The shared password suite against a second `next start` of the same build, with PASSWORD_MAILBOX set: the example
// then offers the Password provider (accounts in memory, JWT sessions) and appends each mail to that file. The shared
// passkey suite runs against the same server: next to the Password provider's mail sender, passkey sign-up proves
// the address by mail first (Passkey's signUp: 'verify-email' default), which the suite's sign-up-by-mail cases check.
import { rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll } from 'vitest'
import { definePasskeySuite, definePasswordSuite } from '@latch/core/testing'
import { readMailbox, signInHelper, startNext } from './next-server'

const mailbox = join(tmpdir(), `latch-next-passwords-${process.pid}.jsonl`)

if (!process.env.LATCH_E2E_BASE_URL) {
  // One server for both suites (a `next start` costs seconds): each suite's start/close only borrows it.
  let server: Awaited<ReturnType<typeof startNext>> | undefined
  beforeAll(async () => {
    server = await startNext(() => ({ PASSWORD_MAILBOX: mailbox }))
  }, 120_000)
  afterAll(async () => {
    await server?.close()
    await rm(mailbox, { force: true })
  })
  const borrowed = async () => ({ baseUrl: server!.baseUrl, close: async () => {} })

  definePasswordSuite({ name: 'next', basePath: '/api/auth', protectedApi: '/api/me', signInHelper, start: borrowed, mailbox: readMailbox(mailbox) })
  definePasskeySuite({ name: 'next (sign-up by mail)', basePath: '/api/auth', protectedApi: '/api/me', start: borrowed, mailbox: readMailbox(mailbox) })
}
