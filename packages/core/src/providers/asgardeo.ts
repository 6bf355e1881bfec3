import type { StandardClaims } from './provider-defaults.js'
import { oidcProvider } from './shape.js'
import type { OIDCConfig } from './types.js'

/** Asgardeo id_token / userinfo claims (https://wso2.com/asgardeo/docs/guides/authentication/oidc/discover-oidc-configs/). */
export interface AsgardeoProfile extends StandardClaims {
}

/**
 * Asgardeo. Set `issuer` or `AUTH_ASGARDEO_ISSUER` to `https://api.asgardeo.io/t/<organization>/oauth2/token`.
 * Callback URL: `{AUTH_URL}/auth/callback/asgardeo`.
 */
export default function Asgardeo(options: Partial<OIDCConfig<AsgardeoProfile>> = {}): OIDCConfig<AsgardeoProfile> {
  return oidcProvider<AsgardeoProfile>(
    {
      id: 'asgardeo',
      name: 'Asgardeo',
      scope: 'openid profile email',
    },
    options,
  )
}

export { Asgardeo }
