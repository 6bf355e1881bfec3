import { oauth2Provider, str } from './shape.js'
import type { OAuthConfig } from './types.js'

/** The Pinterest profile API answer (https://developers.pinterest.com/docs/getting-started/authentication/). */
export interface PinterestProfile extends Record<string, unknown> {
  id?: string
  username: string
  profile_image?: string
  account_type?: string
}

/**
 * Pinterest: Pinterest API v5. Pinterest shares no e-mail.
 * Callback URL: `{AUTH_URL}/auth/callback/pinterest`; env `AUTH_PINTEREST_ID` / `AUTH_PINTEREST_SECRET`.
 */
export default function Pinterest(options: Partial<OAuthConfig<PinterestProfile>> = {}): OAuthConfig<PinterestProfile> {
  return oauth2Provider<PinterestProfile>(
    {
      id: 'pinterest',
      name: 'Pinterest',
      authorization: 'https://www.pinterest.com/oauth/',
      scope: 'user_accounts:read',
      token: 'https://api.pinterest.com/v5/oauth/token',
      userinfo: 'https://api.pinterest.com/v5/user_account',
      profile: (p) => ({ id: p.id ?? p.username, name: p.username, email: null, image: str(p.profile_image), emailVerified: null }),
    },
    options,
  )
}

export { Pinterest }
