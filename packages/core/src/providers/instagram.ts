import { oauth2Provider, str } from './shape.js'
import type { OAuthConfig } from './types.js'

/** The Instagram profile API answer (https://developers.facebook.com/docs/instagram-platform/instagram-api-with-instagram-login/business-login). */
export interface InstagramProfile extends Record<string, unknown> {
  id: string
  user_id?: string
  username: string
  name?: string
  profile_picture_url?: string
}

/**
 * Instagram: Instagram API with Instagram Login (business and creator accounts). Instagram shares no e-mail.
 * Callback URL: `{AUTH_URL}/auth/callback/instagram`; env `AUTH_INSTAGRAM_ID` / `AUTH_INSTAGRAM_SECRET`.
 */
export default function Instagram(options: Partial<OAuthConfig<InstagramProfile>> = {}): OAuthConfig<InstagramProfile> {
  return oauth2Provider<InstagramProfile>(
    {
      id: 'instagram',
      name: 'Instagram',
      authorization: 'https://www.instagram.com/oauth/authorize',
      scope: 'instagram_business_basic',
      token: 'https://api.instagram.com/oauth/access_token',
      userinfo: { url: 'https://graph.instagram.com/me', params: { fields: 'user_id,username,name,profile_picture_url' } },
      client: { token_endpoint_auth_method: 'client_secret_post' },
      profile: (p) => ({ id: p.id, name: str(p.name) ?? p.username, email: null, image: str(p.profile_picture_url), emailVerified: null }),
    },
    options,
  )
}

export { Instagram }
