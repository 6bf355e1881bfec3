import type { StandardClaims } from './provider-defaults.js'
import { oidcProvider } from './shape.js'
import type { OIDCConfig } from './types.js'

/** Kinde id_token / userinfo claims (https://docs.kinde.com/developer-tools/about/using-kinde-without-an-sdk/). */
export interface KindeProfile extends StandardClaims {
}

/**
 * Kinde. Set `issuer` or `AUTH_KINDE_ISSUER` to your Kinde domain (`https://<sub>.kinde.com`).
 * Callback URL: `{AUTH_URL}/auth/callback/kinde`.
 */
export default function Kinde(options: Partial<OIDCConfig<KindeProfile>> = {}): OIDCConfig<KindeProfile> {
  return oidcProvider<KindeProfile>(
    {
      id: 'kinde',
      name: 'Kinde',
      scope: 'openid profile email offline',
    },
    options,
  )
}

export { Kinde }
