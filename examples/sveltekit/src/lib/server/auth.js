// @ts-check
import { env } from '$env/dynamic/private'
import { SvelteKitAuth } from '@latch/sveltekit'
import Credentials from '@latch/core/providers/credentials'

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

export const { handle, signIn, signOut } = SvelteKitAuth({ providers })
