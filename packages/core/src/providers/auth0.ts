import { defineProvider } from './provider-defaults.js'
import type { OIDCConfig } from './types.js'

/** Auth0 id_token / userinfo claims. */
export interface Auth0Profile extends Record<string, unknown> {
  sub: string
  name?: string
  email?: string
  email_verified?: boolean
  preferred_username?: string
  nickname?: string
  picture?: string
}

/** Auth0. Set `issuer` or `AUTH_AUTH0_ISSUER` (e.g. https://tenant.us.auth0.com). */
export default function Auth0(options: Partial<OIDCConfig<Auth0Profile>> = {}): OIDCConfig<Auth0Profile> {
  return defineProvider<Auth0Profile>(
    {
      id: 'auth0',
      name: 'Auth0',
      type: 'oidc',
      authorization: { params: { scope: 'openid profile email' } },
      profile: (p) => ({ id: p.sub, name: p.name ?? p.nickname ?? null, email: p.email ?? null, image: p.picture ?? null }),
    },
    options,
  ) as OIDCConfig<Auth0Profile>
}

export { Auth0 }
