import { afterAll, beforeAll, expect, inject, test } from 'vitest'
import { execFile } from 'node:child_process'
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { promisify } from 'node:util'
import { installApp, type InstalledApp } from './pack.js'

// Auth.js / NextAuth apps (v5 App Router, v4 pages router with authOptions, a withAuth middleware) converted by
// the packed `latch-codemod` bin, as a user runs it, then type-checked against the packed packages.
const run = promisify(execFile)
const fixture = join(import.meta.dirname, 'fixtures/authjs-app')
let app: InstalledApp

async function codemod(...args: string[]): Promise<{ stdout: string; code: number }> {
  const bin = join(inject('latchAppsDir'), 'node_modules/@latch/codemod/dist/cli.js')
  try {
    const { stdout } = await run(process.execPath, [bin, app.dir, ...args])
    return { stdout, code: 0 }
  } catch (e) {
    const err = e as { stdout: string; code: number }
    return { stdout: err.stdout, code: err.code }
  }
}

const read = (root: string, path: string) => readFileSync(join(root, path), 'utf8')

beforeAll(async () => {
  app = installApp(inject('latchAppsDir'), fixture)
})

afterAll(() => app?.remove())

test('--dry prints a unified diff and writes nothing; then the run converts, lists what it cannot, and a second run changes nothing', async () => {
  const dry = await codemod('--dry')
  expect(dry.stdout).toContain('--- a/v5/auth.ts\n+++ b/v5/auth.ts\n')
  expect(dry.stdout).toContain('@@ -1,9 +1,9 @@\n-import NextAuth, { type DefaultSession } from "next-auth"\n-import GitHub from "next-auth/providers/github"\n')
  expect(dry.stdout).toContain('+import NextAuth, { type DefaultSession } from "@latch/next"\n+import GitHub from "@latch/core/providers/github"\n')
  expect(dry.stdout).toContain('-declare module "next-auth/jwt" {\n+declare module "@latch/next/jwt" {\n')
  expect(dry.stdout).toContain('latch-codemod: would change 12 file(s)')
  for (const f of ['v5/auth.ts', 'v4/pages/_app.tsx', 'mw/middleware.ts', 'mw/legacy.js']) expect(read(app.dir, f)).toBe(read(fixture, f))

  const first = await codemod()
  expect(first.stdout).toContain('latch-codemod: changed 12 file(s)')
  expect(first.stdout).toContain('1 import(s) to convert by hand:')
  expect(first.stdout).toContain('  v5/leftovers.ts:3: next-auth/adapters has no module of its own in Latch')
  expect(first.stdout).not.toContain('prisma-adapter')
  expect(first.code).toBe(1)
  expect(read(app.dir, 'v5/leftovers.ts')).toBe(read(fixture, 'v5/leftovers.ts').replace('"next-auth/providers/nodemailer"', '"@latch/core/providers/nodemailer"'))
  expect(read(app.dir, 'mw/legacy.js')).toBe(
    read(fixture, 'mw/legacy.js').replace("'next-auth/jwt'", "'@latch/next/jwt'").replace("'next-auth/providers/google'", "'@latch/core/providers/google'"),
  )
  expect(read(app.dir, 'v5/lib/errors.ts')).toContain('export type SessionOf = import("@latch/next").Session')

  const second = await codemod('--dry')
  expect(second.stdout).toContain('latch-codemod: would change 0 file(s)')
  expect(second.stdout).not.toContain('+++')
}, 60_000)

test.each(['v5', 'v4', 'mw'])('the converted %s app type-checks against the packed packages', async (project) => {
  expect(await app.typecheck(project)).toEqual([])
}, 90_000)
