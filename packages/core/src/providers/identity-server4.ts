import type { StandardClaims } from './provider-defaults.js'
import { oidcProvider } from './shape.js'
import type { OIDCConfig } from './types.js'

/** IdentityServer4 id_token / userinfo claims (https://identityserver4.readthedocs.io/en/latest/endpoints/discovery.html). */
export interface IdentityServer4Profile extends StandardClaims {
}

/**
 * IdentityServer4. Set `issuer` or `AUTH_IDENTITY_SERVER4_ISSUER` to your IdentityServer's base URL.
 * Callback URL: `{AUTH_URL}/auth/callback/identity-server4`.
 */
export default function IdentityServer4(options: Partial<OIDCConfig<IdentityServer4Profile>> = {}): OIDCConfig<IdentityServer4Profile> {
  return oidcProvider<IdentityServer4Profile>(
    {
      id: 'identity-server4',
      name: 'IdentityServer4',
      scope: 'openid profile email',
    },
    options,
  )
}

export { IdentityServer4 }
