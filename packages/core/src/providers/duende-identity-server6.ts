import type { StandardClaims } from './provider-defaults.js'
import { oidcProvider } from './shape.js'
import type { OIDCConfig } from './types.js'

/** DuendeIdentityServer6 id_token / userinfo claims (https://docs.duendesoftware.com/identityserver/v6/reference/endpoints/discovery/). */
export interface DuendeIdentityServer6Profile extends StandardClaims {
}

/**
 * DuendeIdentityServer6. Set `issuer` or `AUTH_DUENDE_IDENTITY_SERVER6_ISSUER` to your IdentityServer's base URL.
 * Callback URL: `{AUTH_URL}/auth/callback/duende-identity-server6`.
 */
export default function DuendeIdentityServer6(options: Partial<OIDCConfig<DuendeIdentityServer6Profile>> = {}): OIDCConfig<DuendeIdentityServer6Profile> {
  return oidcProvider<DuendeIdentityServer6Profile>(
    {
      id: 'duende-identity-server6',
      name: 'DuendeIdentityServer6',
      scope: 'openid profile email',
    },
    options,
  )
}

export { DuendeIdentityServer6 }
