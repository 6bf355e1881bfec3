import { oauth2Provider, str } from './shape.js'
import type { OAuthConfig } from './types.js'

/** `GET /v2/user/info/` (https://developers.tiktok.com/doc/tiktok-api-v2-get-user-info). */
export interface TikTokProfile extends Record<string, unknown> {
  data: { user: { open_id: string; union_id?: string; avatar_url?: string; display_name?: string; username?: string } }
  error?: { code: string; message?: string }
}

/**
 * TikTok Login Kit for Web. TikTok calls the client id `client_key`: it is sent as `client_key` in the
 * authorization request and the token request (from `clientId` or `AUTH_TIKTOK_ID`). TikTok shares no
 * e-mail. Callback URL: `{AUTH_URL}/auth/callback/tiktok` (https only, registered in the developer portal).
 */
export default function TikTok(options: Partial<OAuthConfig<TikTokProfile>> = {}): OAuthConfig<TikTokProfile> {
  const key: Record<string, string> = options.clientId ? { client_key: options.clientId } : {}
  return oauth2Provider<TikTokProfile>(
    {
      id: 'tiktok',
      name: 'TikTok',
      authorization: 'https://www.tiktok.com/v2/auth/authorize/',
      scope: 'user.info.basic',
      params: key,
      token: { url: 'https://open.tiktokapis.com/v2/oauth/token/', params: key },
      userinfo: { url: 'https://open.tiktokapis.com/v2/user/info/', params: { fields: 'open_id,union_id,avatar_url,display_name' } },
      client: { token_endpoint_auth_method: 'client_secret_post' },
      profile: ({ data: { user } }) => ({ id: user.open_id, name: str(user.display_name) ?? str(user.username), email: null, image: str(user.avatar_url), emailVerified: null }),
      rebuild: (filled) => TikTok({ ...options, ...filled }),
    },
    options,
  )
}

export { TikTok }
