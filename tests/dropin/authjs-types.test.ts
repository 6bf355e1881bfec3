import { afterAll, beforeAll, expect, inject, test } from 'vitest'
import { join } from 'node:path'
import { installApp, type InstalledApp } from './pack.js'

// An app written from the Auth.js TypeScript guide, with only the module names changed, type-checks under
// strict + skipLibCheck + bundler resolution against the packed packages, and its @ts-expect-error lines stay errors.
let app: InstalledApp

beforeAll(async () => {
  app = installApp(inject('latchAppsDir'), join(import.meta.dirname, 'fixtures/authjs-types'))
})

afterAll(() => app?.remove())

test('the Auth.js TypeScript guide (declare module @latch/next + @latch/core/jwt) type-checks against pnpm pack tarballs', async () => {
  expect(await app.typecheck()).toEqual([])
}, 90_000)

test('augmenting through @latch/core/types, @latch/core and @latch/next/jwt reaches next, express, hono and sveltekit', async () => {
  expect(await app.typecheck('variant')).toEqual([])
}, 90_000)
