import { oauth2Provider, str, verifiedAt } from './shape.js'
import type { OAuthConfig } from './types.js'

/** The Kakao profile API answer (https://developers.kakao.com/docs/latest/en/kakaologin/rest-api). */
export interface KakaoProfile extends Record<string, unknown> {
  id: number
  kakao_account?: {
    profile?: { nickname?: string; profile_image_url?: string; thumbnail_image_url?: string }
    email?: string
    is_email_valid?: boolean
    is_email_verified?: boolean
  }
}

/**
 * Kakao: Kakao Login (REST API). The address counts as verified only when Kakao says it is both valid and verified.
 * Callback URL: `{AUTH_URL}/auth/callback/kakao`; env `AUTH_KAKAO_ID` / `AUTH_KAKAO_SECRET`.
 */
export default function Kakao(options: Partial<OAuthConfig<KakaoProfile>> = {}): OAuthConfig<KakaoProfile> {
  return oauth2Provider<KakaoProfile>(
    {
      id: 'kakao',
      name: 'Kakao',
      authorization: 'https://kauth.kakao.com/oauth/authorize',
      token: 'https://kauth.kakao.com/oauth/token',
      userinfo: 'https://kapi.kakao.com/v2/user/me',
      client: { token_endpoint_auth_method: 'client_secret_post' },
      profile: (p) => {
        const a = p.kakao_account ?? {}
        const verified = a.is_email_valid === true && a.is_email_verified === true
        return { id: String(p.id), name: str(a.profile?.nickname), email: str(a.email), image: str(a.profile?.profile_image_url), emailVerified: a.email ? verifiedAt(verified) : null }
      },
    },
    options,
  )
}

export { Kakao }
