// @ts-check
import { env } from '$env/dynamic/private'
import { SvelteKitAuth } from '@latch/sveltekit'
import Credentials from '@latch/core/providers/credentials'
import { passwordProvider } from './passwords.js'
import { sessionStrategy, storeFromEnv } from './store.js'
import Passkey from '@latch/core/providers/passkey'
import { MemoryAdapter } from '@latch/core/adapters/memory'

/** Demo accounts for the credentials provider. Local use only. */
export const DEMO_USERS = [{ id: 'alice', username: 'alice', password: 'wonderland', name: 'Alice Liddell', email: 'alice@example.com' }]

/** PostgreSQL or Redis when AUTH_STORE names one (./store.js). */
const store = storeFromEnv(env)

/** @type {import('@latch/core').ProviderInput[]} */
const providers = [
  Credentials({
    name: 'Password',
    credentials: { username: { label: 'Username', placeholder: 'alice' }, password: { label: 'Password', type: 'password' } },
    async authorize(credentials) {
      const user = DEMO_USERS.find((u) => u.username === credentials.username && u.password === credentials.password)
      if (!user) return null
      const demo = { id: user.id, name: user.name, email: user.email }
      // In a store the demo account is a user of it: a database session points at its user.
      if (store && !(await store.getUser?.(user.id))) {
        await Promise.resolve(store.createUser?.({ ...demo, emailVerified: null })).catch(() => {}) // a concurrent first sign-in made it
      }
      return demo
    },
  }),
]

// The local OIDC provider started by server.js; issuer and client come from AUTH_DEV_OIDC_ISSUER/ID/SECRET.
if (env.AUTH_DEV_OIDC_ISSUER) {
  providers.push({ id: 'dev-oidc', name: 'Local OIDC', type: 'oidc', allowInsecureRequests: true })
}

// E-mail + password accounts when PASSWORD_MAILBOX names a file for the mails (tests, local use).
if (env.PASSWORD_MAILBOX) providers.push(passwordProvider(env.PASSWORD_MAILBOX))

/**
 * AUTH_STORE=postgres|redis puts users, accounts and sessions in PostgreSQL or Redis (src/lib/server/store.js), with
 * AUTH_SESSION_STRATEGY=jwt (default) or database. Without it the example needs no store, except for these, which get
 * an in-memory one (a demo: use @latch/adapter-postgres or -redis in production): AUTH_PASSKEYS=1 adds the passkey
 * provider; AUTH_DEMO_TWO_FACTOR=1 turns two-factor sign-in on (TOTP, docs/guides/two-factor.md; enroll at
 * /auth/two-factor-setup once signed in); PASSWORD_MAILBOX adds e-mail + password accounts.
 */
function demoStore() {
  const passkeys = env.AUTH_PASSKEYS === '1'
  const twoFactor = env.AUTH_DEMO_TWO_FACTOR === '1'
  if (passkeys) providers.push(Passkey)
  if (!store && !passkeys && !twoFactor && !env.PASSWORD_MAILBOX) return {}
  const memory = store ? undefined : MemoryAdapter()
  // Two-factor enrolls an adapter user: the demo account is one from the start (in a store, from its first sign-in).
  if (twoFactor && memory) for (const u of DEMO_USERS) memory.createUser({ id: u.id, email: u.email, emailVerified: null, name: u.name })
  return {
    adapter: store ?? memory,
    session: { strategy: sessionStrategy(env) },
    ...(twoFactor ? { twoFactor: { issuer: 'Latch SvelteKit example' } } : {}),
  }
}

export const { handle, signIn, signOut } = SvelteKitAuth({ providers, ...demoStore() })
