import type { StandardClaims } from './provider-defaults.js'
import { oidcProvider } from './shape.js'
import type { OIDCConfig } from './types.js'

/** Ping Identity id_token / userinfo claims (https://apidocs.pingidentity.com/pingone/auth/v1/api/). */
export interface PingIdProfile extends StandardClaims {
}

/**
 * Ping Identity. Set `issuer` or `AUTH_PING_ID_ISSUER` to `https://auth.pingone.<region>/<environment-id>/as`.
 * Callback URL: `{AUTH_URL}/auth/callback/ping-id`.
 */
export default function PingId(options: Partial<OIDCConfig<PingIdProfile>> = {}): OIDCConfig<PingIdProfile> {
  return oidcProvider<PingIdProfile>(
    {
      id: 'ping-id',
      name: 'Ping Identity',
      scope: 'openid profile email',
    },
    options,
  )
}

export { PingId }
