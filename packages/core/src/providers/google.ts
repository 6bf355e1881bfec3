import { affirmedEmail, defineProvider } from './provider-defaults.js'
import type { OIDCConfig } from './types.js'

/** Google id_token claims (https://developers.google.com/identity/openid-connect/openid-connect#obtainuserinfo). */
export interface GoogleProfile extends Record<string, unknown> {
  iss: string
  aud: string
  sub: string
  email: string
  email_verified: boolean
  name: string
  given_name?: string
  family_name?: string
  picture: string
  hd?: string
  locale?: string
  iat: number
  exp: number
}

export default function Google(options: Partial<OIDCConfig<GoogleProfile>> = {}): OIDCConfig<GoogleProfile> {
  return defineProvider<GoogleProfile>(
    {
      id: 'google',
      name: 'Google',
      type: 'oidc',
      issuer: 'https://accounts.google.com',
      authorization: { params: { scope: 'openid email profile' } },
      profile: (p) => ({ id: p.sub, name: p.name, email: p.email, emailVerified: affirmedEmail(p.email_verified), image: p.picture }),
      style: { bg: '#fff', text: '#000' },
    },
    options,
  ) as OIDCConfig<GoogleProfile>
}

export { Google }
