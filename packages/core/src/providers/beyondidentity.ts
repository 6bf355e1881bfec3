import type { StandardClaims } from './provider-defaults.js'
import { oidcProvider } from './shape.js'
import type { OIDCConfig } from './types.js'

/** Beyond Identity id_token / userinfo claims (https://developer.beyondidentity.com/docs/). */
export interface BeyondIdentityProfile extends StandardClaims {
}

/**
 * Beyond Identity. Set `issuer` or `AUTH_BEYONDIDENTITY_ISSUER` (`https://auth-<region>.beyondidentity.com/v1/tenants/<tenant>/realms/<realm>/applications/<app>`).
 * Callback URL: `{AUTH_URL}/auth/callback/beyondidentity`.
 */
export default function BeyondIdentity(options: Partial<OIDCConfig<BeyondIdentityProfile>> = {}): OIDCConfig<BeyondIdentityProfile> {
  return oidcProvider<BeyondIdentityProfile>(
    {
      id: 'beyondidentity',
      name: 'Beyond Identity',
      scope: 'openid',
    },
    options,
  )
}

export { BeyondIdentity }
