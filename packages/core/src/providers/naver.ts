import { oauth2Provider, str } from './shape.js'
import type { OAuthConfig } from './types.js'

/** The Naver profile API answer (https://developers.naver.com/docs/login/api/api.md). */
export interface NaverProfile extends Record<string, unknown> {
  resultcode: string
  message: string
  response: { id: string; nickname?: string; name?: string; email?: string; profile_image?: string }
}

/**
 * Naver: Naver Login. Naver does not flag the address verified.
 * Callback URL: `{AUTH_URL}/auth/callback/naver`; env `AUTH_NAVER_ID` / `AUTH_NAVER_SECRET`.
 */
export default function Naver(options: Partial<OAuthConfig<NaverProfile>> = {}): OAuthConfig<NaverProfile> {
  return oauth2Provider<NaverProfile>(
    {
      id: 'naver',
      name: 'Naver',
      authorization: 'https://nid.naver.com/oauth2.0/authorize',
      token: 'https://nid.naver.com/oauth2.0/token',
      userinfo: 'https://openapi.naver.com/v1/nid/me',
      client: { token_endpoint_auth_method: 'client_secret_post' },
      profile: ({ response: r }) => ({ id: r.id, name: str(r.nickname) ?? str(r.name), email: str(r.email), image: str(r.profile_image), emailVerified: null }),
    },
    options,
  )
}

export { Naver }
