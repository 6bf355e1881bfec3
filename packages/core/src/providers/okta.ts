import { defineProvider } from './provider-defaults.js'
import type { OIDCConfig } from './types.js'

/** Okta id_token / userinfo claims. */
export interface OktaProfile extends Record<string, unknown> {
  sub: string
  name?: string
  email?: string
  email_verified?: boolean
  preferred_username?: string
  nickname?: string
  picture?: string
  given_name?: string
  family_name?: string
  zoneinfo?: string
  locale?: string
}

/** Okta. Set `issuer` or `AUTH_OKTA_ISSUER` (e.g. https://dev-123.okta.com or https://dev-123.okta.com/oauth2/default). */
export default function Okta(options: Partial<OIDCConfig<OktaProfile>> = {}): OIDCConfig<OktaProfile> {
  return defineProvider<OktaProfile>(
    {
      id: 'okta',
      name: 'Okta',
      type: 'oidc',
      authorization: { params: { scope: 'openid profile email' } },
      profile: (p) => ({ id: p.sub, name: p.name ?? p.preferred_username ?? null, email: p.email ?? null, image: p.picture ?? null }),
    },
    options,
  ) as OIDCConfig<OktaProfile>
}

export { Okta }
