import { MemoryAdapter } from '../src/adapters/memory.js'
import { authJsSuiteAvailable, runAuthJsAdapterSuite, skipAuthJsAdapterSuite } from './support/authjs-adapter-suite.js'

// Auth.js's own adapter suite with its WebAuthn tests, on the memory adapter (see support/authjs-adapter-suite.ts).
// The memory adapter has no database besides itself: its read methods stand in for Auth.js's direct queries.
if (authJsSuiteAvailable()) {
  const adapter = MemoryAdapter()
  await runAuthJsAdapterSuite({
    adapter,
    db: {
      user: (id: string) => adapter.getUser(id),
      session: async (token: string) => (await adapter.getSessionAndUser(token))?.session ?? null,
      account: ({ provider, providerAccountId }: { provider: string; providerAccountId: string }) => adapter.getAccount(providerAccountId, provider),
      verificationToken: (params: { identifier: string; token: string }) => adapter.useVerificationToken(params),
      authenticator: (id: string) => adapter.getAuthenticator(id),
    },
  })
} else {
  skipAuthJsAdapterSuite('memory')
}
