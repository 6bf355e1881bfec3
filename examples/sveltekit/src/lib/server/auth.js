// @ts-check
import { env } from '$env/dynamic/private'
import { SvelteKitAuth } from '@latch/sveltekit'
import Credentials from '@latch/core/providers/credentials'
import Passkey from '@latch/core/providers/passkey'
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

// Passkeys need an adapter that stores them: AUTH_PASSKEYS=1 adds the passkey provider with the in-memory adapter
// (a demo: use @latch/adapter-postgres or -redis in production). JWT sessions stay the default.
/** @type {import('@latch/core').Adapter | undefined} */
let adapter
if (env.AUTH_PASSKEYS === '1') {
  adapter = MemoryAdapter()
  providers.push(Passkey)
}

export const { handle, signIn, signOut } = SvelteKitAuth({ providers, adapter, session: { strategy: 'jwt' } })
