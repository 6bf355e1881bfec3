import { existsSync } from 'node:fs'
import { pathToFileURL } from 'node:url'
import { describe, it } from 'vitest'

/**
 * Auth.js's shared adapter suite (`runBasicTests` in nextauthjs/next-auth, packages/utils/adapter.ts) is not on npm:
 * it lives in that repository's private `utils` workspace package, and no published package (`@auth/*` adapters,
 * `@auth/core`, `next-auth`) ships it. Its code is not copied here either. So CI skips it, saying so; to run it,
 * point AUTHJS_ADAPTER_SUITE at a checkout of that file, e.g.
 *
 *   git clone --depth 1 https://github.com/nextauthjs/next-auth /tmp/next-auth
 *   AUTHJS_ADAPTER_SUITE=/tmp/next-auth/packages/utils/adapter.ts pnpm exec vitest run --project adapter-postgres test/authjs-suite.test.ts
 *
 * Each adapter's authjs-suite.test.ts runs it with `testWebAuthnMethods: true`. Latch's own suite
 * (@latch/core/testing/adapter) covers the same WebAuthn methods on every run. A set variable that names no file
 * fails the run rather than skipping.
 */
export const AUTHJS_ADAPTER_SUITE = process.env.AUTHJS_ADAPTER_SUITE

export const SKIP_REASON =
  "Auth.js's adapter suite (next-auth packages/utils/adapter.ts) is not published to npm and is not copied here: set AUTHJS_ADAPTER_SUITE to a checkout of that file to run it (docs/concepts/adapters.md)"

export function authJsSuiteAvailable(): boolean {
  if (!AUTHJS_ADAPTER_SUITE) return false
  if (!existsSync(AUTHJS_ADAPTER_SUITE)) throw new Error(`AUTHJS_ADAPTER_SUITE names no file: ${AUTHJS_ADAPTER_SUITE}`)
  return true
}

/** The skip, explicit in the test output with its reason (stderr under the file's name; the verbose reporter's note). */
export function skipAuthJsAdapterSuite(adapter: string): void {
  console.warn(`Auth.js adapter suite on ${adapter} SKIPPED: ${SKIP_REASON}`)
  describe(`Auth.js adapter suite on ${adapter}`, () => {
    it('skipped: not on npm (set AUTHJS_ADAPTER_SUITE)', (ctx) => ctx.skip(SKIP_REASON))
  })
}

export async function runAuthJsAdapterSuite(options: Record<string, unknown>): Promise<void> {
  const mod = (await import(pathToFileURL(AUTHJS_ADAPTER_SUITE!).href)) as { runBasicTests: (o: unknown) => void }
  mod.runBasicTests({ ...options, testWebAuthnMethods: true })
}
