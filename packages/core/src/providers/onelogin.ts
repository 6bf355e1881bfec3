import type { StandardClaims } from './provider-defaults.js'
import { oidcProvider } from './shape.js'
import type { OIDCConfig } from './types.js'

/** OneLogin id_token / userinfo claims (https://developers.onelogin.com/openid-connect). */
export interface OneLoginProfile extends StandardClaims {
}

/**
 * OneLogin. Set `issuer` or `AUTH_ONELOGIN_ISSUER` to `https://<subdomain>.onelogin.com/oidc/2`.
 * Callback URL: `{AUTH_URL}/auth/callback/onelogin`.
 */
export default function OneLogin(options: Partial<OIDCConfig<OneLoginProfile>> = {}): OIDCConfig<OneLoginProfile> {
  return oidcProvider<OneLoginProfile>(
    {
      id: 'onelogin',
      name: 'OneLogin',
      scope: 'openid profile email',
    },
    options,
  )
}

export { OneLogin }
