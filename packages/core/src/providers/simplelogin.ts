import type { StandardClaims } from './provider-defaults.js'
import { oidcProvider, str, verifiedAt } from './shape.js'
import type { OIDCConfig } from './types.js'

/** SimpleLogin id_token / userinfo claims (https://simplelogin.io/docs/siwsl/intro/). */
export interface SimpleLoginProfile extends StandardClaims {
  avatar_url?: string | null
  client?: string
}

/**
 * SimpleLogin. Sign in with SimpleLogin (OpenID Connect). The profile image is `avatar_url`.
 * Callback URL: `{AUTH_URL}/auth/callback/simplelogin`.
 */
export default function SimpleLogin(options: Partial<OIDCConfig<SimpleLoginProfile>> = {}): OIDCConfig<SimpleLoginProfile> {
  return oidcProvider<SimpleLoginProfile>(
    {
      id: 'simplelogin',
      name: 'SimpleLogin',
      issuer: 'https://app.simplelogin.io',
      scope: 'openid profile email',
      profile: (p) => ({ id: p.sub, name: str(p.name), email: str(p.email), image: str(p.avatar_url), emailVerified: str(p.email) ? verifiedAt(p.email_verified) : null }),
    },
    options,
  )
}

export { SimpleLogin }
