import type { StandardClaims } from './provider-defaults.js'
import { oidcProvider } from './shape.js'
import type { OIDCConfig } from './types.js'

/** FusionAuth id_token / userinfo claims (https://fusionauth.io/docs/lifecycle/authenticate-users/oauth/endpoints). */
export interface FusionAuthProfile extends StandardClaims {
  tid?: string
  applicationId?: string
}

export interface FusionAuthOptions extends Partial<OIDCConfig<FusionAuthProfile>> {
  /** Sent as the `tenantId` authorization parameter (FusionAuth multi-tenant setups). */
  tenantId?: string
}

/**
 * FusionAuth. Set `issuer` or `AUTH_FUSIONAUTH_ISSUER` to the FusionAuth URL. `tenantId` is sent as the `tenantId` authorization parameter when given.
 * Callback URL: `{AUTH_URL}/auth/callback/fusionauth`.
 */
export default function FusionAuth(options: FusionAuthOptions = {}): OIDCConfig<FusionAuthProfile> {
  const { tenantId, ...rest } = options
  return oidcProvider<FusionAuthProfile>(
    {
      id: 'fusionauth',
      name: 'FusionAuth',
      scope: 'openid profile email offline_access',
      authorization: tenantId ? { params: { tenantId } } : undefined,
    },
    rest,
  )
}

export { FusionAuth }
