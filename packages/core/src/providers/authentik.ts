import { defineProvider } from './provider-defaults.js'
import type { OIDCConfig } from './types.js'

/** authentik id_token / userinfo claims. */
export interface AuthentikProfile extends Record<string, unknown> {
  sub: string
  name?: string
  email?: string
  email_verified?: boolean
  preferred_username?: string
  nickname?: string
  picture?: string
  given_name?: string
  groups?: string[]
}

/** Authentik. Set `issuer` or `AUTH_AUTHENTIK_ISSUER` (e.g. https://authentik.example.com/application/o/my-app/). */
export default function Authentik(options: Partial<OIDCConfig<AuthentikProfile>> = {}): OIDCConfig<AuthentikProfile> {
  return defineProvider<AuthentikProfile>(
    {
      id: 'authentik',
      name: 'Authentik',
      type: 'oidc',
      authorization: { params: { scope: 'openid profile email' } },
      profile: (p) => ({ id: p.sub, name: p.name ?? p.preferred_username ?? null, email: p.email ?? null, image: p.picture ?? null }),
    },
    options,
  ) as OIDCConfig<AuthentikProfile>
}

export { Authentik }
