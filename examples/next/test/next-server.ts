// A second (third...) `next start` of the example's build (test/global-setup.ts built it) on a free 127.0.0.1 port,
// with the environment a test gives it on top of the defaults, waited for until it answers.
import { spawn, type ChildProcess } from 'node:child_process'
import { existsSync } from 'node:fs'
import { readFile } from 'node:fs/promises'
import { createRequire } from 'node:module'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { freePort } from '@latch/dev-oidc/testing'
import { SECRET } from './global-setup'

const root = join(dirname(fileURLToPath(import.meta.url)), '..')

/** `env(baseUrl)` is added to the server's environment (AUTH_URL and AUTH_SECRET are set; AUTH_* and DEV_OIDC_* of ours are not passed on). */
export async function startNext(env: (baseUrl: string) => Record<string, string> | Promise<Record<string, string>> = () => ({})) {
  const nextBin = createRequire(join(root, 'package.json')).resolve('next/dist/bin/next')
  const port = await freePort()
  const baseUrl = `http://127.0.0.1:${port}`
  const clean = Object.fromEntries(Object.entries(process.env).filter(([k]) => !k.startsWith('AUTH_') && !k.startsWith('DEV_OIDC_')))
  const extra = await env(baseUrl)
  let output = ''
  const child: ChildProcess = spawn(process.execPath, [nextBin, 'start', '-H', '127.0.0.1', '-p', String(port)], {
    cwd: root,
    detached: true, // its own process group: close() ends next and anything it started
    stdio: ['ignore', 'pipe', 'pipe'],
    env: { ...clean, NODE_ENV: 'production', NEXT_TELEMETRY_DISABLED: '1', AUTH_URL: baseUrl, AUTH_SECRET: SECRET, ...extra },
  })
  child.stdout?.on('data', (d) => (output += d))
  child.stderr?.on('data', (d) => (output += d))
  const close = async () => {
    if (!child.pid || child.exitCode !== null) return
    const exited = new Promise((r) => child.once('exit', r))
    try {
      process.kill(-child.pid, 'SIGTERM')
    } catch {
      // already gone
    }
    await Promise.race([exited, new Promise((r) => setTimeout(r, 5_000))])
  }
  const deadline = Date.now() + 90_000
  for (;;) {
    if (child.exitCode !== null) throw new Error(`next start exited with ${child.exitCode}:\n${output}`)
    try {
      if ((await fetch(`${baseUrl}/api/auth/providers`)).ok) break
    } catch {
      // not listening yet
    }
    if (Date.now() > deadline) {
      await close()
      throw new Error(`next start did not answer within 90 s:\n${output}`)
    }
    await new Promise((r) => setTimeout(r, 250))
  }
  return { baseUrl, close, output: () => output }
}

/** The mails the example appended to `file` (PASSWORD_MAILBOX), one JSON line each. */
export function readMailbox(file: string) {
  return async () => (existsSync(file) ? (await readFile(file, 'utf8')).split('\n').filter(Boolean).map((line) => JSON.parse(line)) : [])
}

/** The example's own sign-in helper for the password suite: signIn('password', form) in a route handler (app/api/form/sign-in). */
export const signInHelper = { path: '/api/form/sign-in', fields: { providerId: 'password' } }
