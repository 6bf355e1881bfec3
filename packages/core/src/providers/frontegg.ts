import type { StandardClaims } from './provider-defaults.js'
import { oidcProvider } from './shape.js'
import type { OIDCConfig } from './types.js'

/** Frontegg id_token / userinfo claims (https://docs.frontegg.com/docs/oidc). */
export interface FronteggProfile extends StandardClaims {
}

/**
 * Frontegg. Set `issuer` or `AUTH_FRONTEGG_ISSUER` to your Frontegg domain (`https://<sub>.frontegg.com`).
 * Callback URL: `{AUTH_URL}/auth/callback/frontegg`.
 */
export default function Frontegg(options: Partial<OIDCConfig<FronteggProfile>> = {}): OIDCConfig<FronteggProfile> {
  return oidcProvider<FronteggProfile>(
    {
      id: 'frontegg',
      name: 'Frontegg',
      scope: 'openid profile email',
    },
    options,
  )
}

export { Frontegg }
