// The shared password suite against a second `next start` of the same build, with PASSWORD_MAILBOX set: the example
// then offers the Password provider (accounts in memory, JWT sessions) and appends each mail to that file. The shared
// passkey suite runs against the same server: next to the Password provider's mail sender, passkey sign-up proves
// the address by mail first (Passkey's signUp: 'verify-email' default), which the suite's sign-up-by-mail cases check.
import { spawn, type ChildProcess } from 'node:child_process'
import { existsSync } from 'node:fs'
import { readFile, rm } from 'node:fs/promises'
import { createRequire } from 'node:module'
import { tmpdir } from 'node:os'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { afterAll, beforeAll } from 'vitest'
import { definePasskeySuite, definePasswordSuite } from '@latch/core/testing'
import { freePort } from '@latch/dev-oidc/testing'
import { SECRET } from './global-setup'

const root = join(dirname(fileURLToPath(import.meta.url)), '..')
const mailbox = join(tmpdir(), `latch-next-passwords-${process.pid}.jsonl`)

async function start() {
  const nextBin = createRequire(join(root, 'package.json')).resolve('next/dist/bin/next')
  const port = await freePort()
  const baseUrl = `http://127.0.0.1:${port}`
  let output = ''
  const child: ChildProcess = spawn(process.execPath, [nextBin, 'start', '-H', '127.0.0.1', '-p', String(port)], {
    cwd: root,
    detached: true, // its own process group: close() ends next and anything it started
    stdio: ['ignore', 'pipe', 'pipe'],
    env: { ...process.env, NODE_ENV: 'production', NEXT_TELEMETRY_DISABLED: '1', AUTH_URL: baseUrl, AUTH_SECRET: SECRET, PASSWORD_MAILBOX: mailbox },
  })
  child.stdout?.on('data', (d) => (output += d))
  child.stderr?.on('data', (d) => (output += d))
  const stop = async () => {
    if (!child.pid || child.exitCode !== null) return
    const exited = new Promise((r) => child.once('exit', r))
    try {
      process.kill(-child.pid, 'SIGTERM')
    } catch {
      // already gone
    }
    await Promise.race([exited, new Promise((r) => setTimeout(r, 5_000))])
  }
  const deadline = Date.now() + 60_000
  for (;;) {
    if (child.exitCode !== null) throw new Error(`next start exited with ${child.exitCode}:\n${output}`)
    try {
      if ((await fetch(`${baseUrl}/api/auth/providers`)).ok) break
    } catch {
      // not listening yet
    }
    if (Date.now() > deadline) {
      await stop()
      throw new Error(`next start did not answer within 60 s:\n${output}`)
    }
    await new Promise((r) => setTimeout(r, 250))
  }
  return {
    baseUrl,
    async close() {
      await stop()
      await rm(mailbox, { force: true })
    },
  }
}

// One server for both suites (a `next start` costs seconds): each suite's start/close only borrows it.
let server: Awaited<ReturnType<typeof start>> | undefined
beforeAll(async () => {
  server = await start()
}, 90_000)
afterAll(() => server?.close())
const borrowed = async () => ({ baseUrl: server!.baseUrl, close: async () => {} })
const readMailbox = async () => (existsSync(mailbox) ? (await readFile(mailbox, 'utf8')).split('\n').filter(Boolean).map((line) => JSON.parse(line)) : [])

definePasswordSuite({
  name: 'next',
  basePath: '/api/auth',
  protectedApi: '/api/me',
  // signIn('password', form) in a route handler (app/api/form/sign-in).
  signInHelper: { path: '/api/form/sign-in', fields: { providerId: 'password' } },
  start: borrowed,
  mailbox: readMailbox,
})

definePasskeySuite({ name: 'next (sign-up by mail)', basePath: '/api/auth', protectedApi: '/api/me', start: borrowed, mailbox: readMailbox })
