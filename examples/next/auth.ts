// The whole auth setup of the example: credentials and, when the dev script started it, the local OIDC provider.
// AUTH_SECRET and AUTH_URL come from the environment (scripts/run.mjs sets development defaults).
import NextAuth, { type NextAuthConfig } from '@latch/next'
import Credentials from '@latch/core/providers/credentials'
import OIDC from '@latch/core/providers/oidc'
import type { Adapter } from '@latch/core'
import { passwordProvider } from './passwords'
import { sessionStrategy, storeFromEnv } from './store'
import Passkey from '@latch/core/providers/passkey'
import { MemoryAdapter } from '@latch/core/adapters/memory'

/** The demo account of the credentials provider. Local use only. */
export const DEMO_USER = { id: 'alice', username: 'alice', password: 'wonderland', name: 'Alice Liddell', email: 'alice@example.com' }

/** PostgreSQL or Redis when AUTH_STORE names one (store.ts), else memory; one per server process, see demoStore(). */
const shared = globalThis as typeof globalThis & { __latchExampleAdapter?: Adapter }
const adapter = (shared.__latchExampleAdapter ??= demoStore())

const providers: NextAuthConfig['providers'] = [
  Credentials({
    name: 'Demo account',
    credentials: {
      username: { label: 'Username', placeholder: 'alice' },
      password: { label: 'Password', type: 'password' },
    },
    async authorize(credentials) {
      const ok = credentials.username === DEMO_USER.username && credentials.password === DEMO_USER.password
      if (!ok) return null
      const demo = { id: DEMO_USER.id, name: DEMO_USER.name, email: DEMO_USER.email }
      // In a store the demo account is a user of it (a database session points at its user): created on first sign-in.
      if (process.env.AUTH_STORE && !(await adapter.getUser?.(demo.id))) {
        await Promise.resolve(adapter.createUser?.({ ...demo, emailVerified: null })).catch(() => {}) // a concurrent first sign-in made it
      }
      return demo
    },
  }),
  // Passkeys: sign up, sign in, add more from /passkeys (app/passkeys) or the built-in /api/auth/passkeys page.
  Passkey,
]

// Set by scripts/run.mjs (and the e2e test), which start @latch/dev-oidc next to Next.
if (process.env.DEV_OIDC_ISSUER) {
  providers.push(
    OIDC({
      id: 'dev-oidc',
      name: 'Local OIDC',
      issuer: process.env.DEV_OIDC_ISSUER,
      clientId: process.env.DEV_OIDC_CLIENT_ID,
      clientSecret: process.env.DEV_OIDC_CLIENT_SECRET,
      allowInsecureRequests: true, // the local provider speaks plain http on 127.0.0.1
    }),
  )
}

// E-mail + password accounts when PASSWORD_MAILBOX names a file for the mails (the password test suite).
if (process.env.PASSWORD_MAILBOX) providers.push(passwordProvider(process.env.PASSWORD_MAILBOX))

/**
 * Passkeys (and passwords, two-factor) are stored by the adapter: AUTH_STORE=postgres|redis picks
 * @latch/adapter-postgres or -redis (store.ts), with AUTH_SESSION_STRATEGY=jwt (default) or database. Otherwise the
 * demo keeps them in memory. Either way one store per server process (on globalThis so every route bundle shares it).
 *
 * AUTH_DEMO_TWO_FACTOR=1: two-factor sign-in (TOTP, docs/guides/two-factor.md) on, the in-memory store holding the
 * demo account. Enroll at /api/auth/two-factor-setup once signed in.
 */
function demoStore(): Adapter {
  const store = storeFromEnv(process.env)
  if (store) return store
  const adapter = MemoryAdapter()
  if (process.env.AUTH_DEMO_TWO_FACTOR === '1') adapter.createUser({ id: DEMO_USER.id, email: DEMO_USER.email, emailVerified: null, name: DEMO_USER.name })
  return adapter
}
export const authConfig: NextAuthConfig = {
  providers,
  adapter,
  session: { strategy: sessionStrategy(process.env) },
  ...(process.env.AUTH_DEMO_TWO_FACTOR === '1' ? { twoFactor: { issuer: 'Latch Next example' } } : {}),
  callbacks: {
    // proxy.ts: /admin needs a session; everything else is open.
    authorized({ request, auth }) {
      if (request.nextUrl.pathname.startsWith('/admin')) return !!auth
      return true
    },
  },
}

export const { handlers, auth, signIn, signOut, unstable_update } = NextAuth(authConfig)
