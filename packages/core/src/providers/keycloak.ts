import { defineProvider } from './provider-defaults.js'
import type { OIDCConfig } from './types.js'

/** Keycloak id_token / userinfo claims. */
export interface KeycloakProfile extends Record<string, unknown> {
  sub: string
  name?: string
  email?: string
  email_verified?: boolean
  preferred_username?: string
  nickname?: string
  picture?: string
  given_name?: string
  family_name?: string
}

/** Keycloak. Set `issuer` or `AUTH_KEYCLOAK_ISSUER` (e.g. https://kc.example.com/realms/myrealm). */
export default function Keycloak(options: Partial<OIDCConfig<KeycloakProfile>> = {}): OIDCConfig<KeycloakProfile> {
  return defineProvider<KeycloakProfile>(
    {
      id: 'keycloak',
      name: 'Keycloak',
      type: 'oidc',
      authorization: { params: { scope: 'openid profile email' } },
      profile: (p) => ({ id: p.sub, name: p.name ?? p.preferred_username ?? null, email: p.email ?? null, image: p.picture ?? null }),
    },
    options,
  ) as OIDCConfig<KeycloakProfile>
}

export { Keycloak }
