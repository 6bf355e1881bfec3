import { defineProvider } from './provider-defaults.js'
import type { OIDCConfig } from './types.js'

/** ZITADEL id_token / userinfo claims. */
export interface ZitadelProfile extends Record<string, unknown> {
  sub: string
  name?: string
  email?: string
  email_verified?: boolean
  preferred_username?: string
  nickname?: string
  picture?: string
  given_name?: string
  family_name?: string
  locale?: string
}

/** ZITADEL. Set `issuer` or `AUTH_ZITADEL_ISSUER` (e.g. https://myinstance.zitadel.cloud). */
export default function Zitadel(options: Partial<OIDCConfig<ZitadelProfile>> = {}): OIDCConfig<ZitadelProfile> {
  return defineProvider<ZitadelProfile>(
    {
      id: 'zitadel',
      name: 'ZITADEL',
      type: 'oidc',
      authorization: { params: { scope: 'openid profile email' } },
      profile: (p) => ({ id: p.sub, name: p.name ?? p.preferred_username ?? null, email: p.email ?? null, image: p.picture ?? null }),
    },
    options,
  ) as OIDCConfig<ZitadelProfile>
}

export { Zitadel }
