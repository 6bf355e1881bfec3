import type { StandardClaims } from './provider-defaults.js'
import { oidcProvider } from './shape.js'
import type { OIDCConfig } from './types.js'

/** Vipps MobilePay id_token / userinfo claims (https://developer.vippsmobilepay.com/docs/APIs/login-api/). */
export interface VippsProfile extends StandardClaims {
  phone_number?: string
}

/**
 * Vipps MobilePay. Vipps MobilePay Login (OpenID Connect); production issuer by default, pass `issuer: 'https://apitest.vipps.no/access-management-1.0/access/'` for the test environment.
 * Callback URL: `{AUTH_URL}/auth/callback/vipps`.
 */
export default function Vipps(options: Partial<OIDCConfig<VippsProfile>> = {}): OIDCConfig<VippsProfile> {
  return oidcProvider<VippsProfile>(
    {
      id: 'vipps',
      name: 'Vipps MobilePay',
      issuer: 'https://api.vipps.no/access-management-1.0/access/',
      scope: 'openid name email',
    },
    options,
  )
}

export { Vipps }
