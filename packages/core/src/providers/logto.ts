import type { StandardClaims } from './provider-defaults.js'
import { oidcProvider, str, verifiedAt } from './shape.js'
import type { OIDCConfig } from './types.js'

/** Logto id_token / userinfo claims (https://docs.logto.io/integrate-logto/). */
export interface LogtoProfile extends StandardClaims {
  username?: string
}

/**
 * Logto. Set `issuer` or `AUTH_LOGTO_ISSUER` to `https://<tenant>.logto.app/oidc`.
 * Callback URL: `{AUTH_URL}/auth/callback/logto`.
 */
export default function Logto(options: Partial<OIDCConfig<LogtoProfile>> = {}): OIDCConfig<LogtoProfile> {
  return oidcProvider<LogtoProfile>(
    {
      id: 'logto',
      name: 'Logto',
      scope: 'openid offline_access profile email',
      profile: (p) => ({ id: p.sub, name: str(p.name) ?? str(p.username), email: str(p.email), image: str(p.picture), emailVerified: str(p.email) ? verifiedAt(p.email_verified) : null }),
    },
    options,
  )
}

export { Logto }
