import type { StandardClaims } from './provider-defaults.js'
import { oidcProvider, str } from './shape.js'
import type { OIDCConfig } from './types.js'

/** LINE id_token / userinfo claims (https://developers.line.biz/en/docs/line-login/integrate-line-login/). */
export interface LINEProfile extends StandardClaims {
  amr?: string[]
}

/**
 * LINE. LINE Login v2.1 (OpenID Connect). `email` only with the `email` scope and LINE's permission; LINE has no `email_verified` claim, so it is never marked verified. The token endpoint takes the channel secret in the body.
 * Callback URL: `{AUTH_URL}/auth/callback/line`.
 */
export default function LINE(options: Partial<OIDCConfig<LINEProfile>> = {}): OIDCConfig<LINEProfile> {
  return oidcProvider<LINEProfile>(
    {
      id: 'line',
      name: 'LINE',
      issuer: 'https://access.line.me',
      scope: 'openid profile',
      client: { token_endpoint_auth_method: 'client_secret_post' },
      profile: (p) => ({ id: p.sub, name: str(p.name), email: str(p.email), image: str(p.picture), emailVerified: null }),
    },
    options,
  )
}

export { LINE }
