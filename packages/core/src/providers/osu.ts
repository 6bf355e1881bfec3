import { oauth2Provider, str } from './shape.js'
import type { OAuthConfig } from './types.js'

/** The osu! profile API answer (https://osu.ppy.sh/docs/index.html#authorization-code-grant). */
export interface OsuProfile extends Record<string, unknown> {
  id: number
  username: string
  avatar_url: string
  country_code?: string
}

/**
 * osu!: osu! API v2. osu! shares no e-mail.
 * Callback URL: `{AUTH_URL}/auth/callback/osu`; env `AUTH_OSU_ID` / `AUTH_OSU_SECRET`.
 */
export default function Osu(options: Partial<OAuthConfig<OsuProfile>> = {}): OAuthConfig<OsuProfile> {
  return oauth2Provider<OsuProfile>(
    {
      id: 'osu',
      name: 'osu!',
      authorization: 'https://osu.ppy.sh/oauth/authorize',
      scope: 'identify',
      token: 'https://osu.ppy.sh/oauth/token',
      userinfo: 'https://osu.ppy.sh/api/v2/me',
      client: { token_endpoint_auth_method: 'client_secret_post' },
      profile: (p) => ({ id: String(p.id), name: p.username, email: null, image: str(p.avatar_url), emailVerified: null }),
    },
    options,
  )
}

export { Osu }
