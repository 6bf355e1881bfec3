import { existsSync } from 'node:fs'
import { pathToFileURL } from 'node:url'

/**
 * Auth.js's shared adapter suite (`runBasicTests` in nextauthjs/next-auth, packages/utils/adapter.ts) is not
 * published and its code is not copied here: point AUTHJS_ADAPTER_SUITE at a checkout of that file, e.g.
 *
 *   git clone --depth 1 https://github.com/nextauthjs/next-auth /tmp/next-auth
 *   AUTHJS_ADAPTER_SUITE=/tmp/next-auth/packages/utils/adapter.ts pnpm exec vitest run --project adapter-postgres test/authjs-suite.test.ts
 *
 * Each adapter's authjs-suite.test.ts runs it with `testWebAuthnMethods: true`. Latch's own suite
 * (@latch/core/testing/adapter) covers the same WebAuthn methods on every run.
 */
export const AUTHJS_ADAPTER_SUITE = process.env.AUTHJS_ADAPTER_SUITE

export function authJsSuiteAvailable(): boolean {
  return Boolean(AUTHJS_ADAPTER_SUITE && existsSync(AUTHJS_ADAPTER_SUITE))
}

export async function runAuthJsAdapterSuite(options: Record<string, unknown>): Promise<void> {
  const mod = (await import(pathToFileURL(AUTHJS_ADAPTER_SUITE!).href)) as { runBasicTests: (o: unknown) => void }
  mod.runBasicTests({ ...options, testWebAuthnMethods: true })
}
