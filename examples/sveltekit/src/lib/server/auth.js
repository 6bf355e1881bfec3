// @ts-check
import { env } from '$env/dynamic/private'
import { SvelteKitAuth } from '@latch/sveltekit'
import Credentials from '@latch/core/providers/credentials'
import { passwordAccounts } from './passwords.js'
import { MemoryAdapter } from '@latch/core/adapters/memory'

/** Demo accounts for the credentials provider. Local use only. */
export const DEMO_USERS = [{ id: 'alice', username: 'alice', password: 'wonderland', name: 'Alice Liddell', email: 'alice@example.com' }]

/** @type {import('@latch/core').ProviderInput[]} */
const providers = [
  Credentials({
    name: 'Password',
    credentials: { username: { label: 'Username', placeholder: 'alice' }, password: { label: 'Password', type: 'password' } },
    async authorize(credentials) {
      const user = DEMO_USERS.find((u) => u.username === credentials.username && u.password === credentials.password)
      return user ? { id: user.id, name: user.name, email: user.email } : null
    },
  }),
]

// The local OIDC provider started by server.js; issuer and client come from AUTH_DEV_OIDC_ISSUER/ID/SECRET.
if (env.AUTH_DEV_OIDC_ISSUER) {
  providers.push({ id: 'dev-oidc', name: 'Local OIDC', type: 'oidc', allowInsecureRequests: true })
}

/**
 * AUTH_DEMO_TWO_FACTOR=1: two-factor sign-in (TOTP, docs/guides/two-factor.md) on, with an in-memory adapter
 * holding the demo accounts. Enroll at /auth/two-factor-setup once signed in.
 */
function twoFactorDemo() {
  const adapter = MemoryAdapter()
  for (const u of DEMO_USERS) adapter.createUser({ id: u.id, email: u.email, emailVerified: null, name: u.name })
  return { adapter, session: { strategy: /** @type {const} */ ('jwt') }, twoFactor: { issuer: 'Latch SvelteKit example' } }
}

// E-mail + password accounts in memory when PASSWORD_MAILBOX names a file for the mails (tests, local use).
const passwords = env.PASSWORD_MAILBOX ? passwordAccounts(env.PASSWORD_MAILBOX) : undefined
if (passwords) providers.push(passwords.provider)

export const { handle, signIn, signOut } = SvelteKitAuth({
  providers,
  ...(env.AUTH_DEMO_TWO_FACTOR === '1' ? twoFactorDemo() : {}),
  ...(passwords ? { adapter: passwords.adapter, session: { strategy: /** @type {const} */ ('jwt') } } : {}),
})
