import { oauth2Provider, str } from './shape.js'
import type { OAuthConfig } from './types.js'

/** The Strava profile API answer (https://developers.strava.com/docs/authentication/). */
export interface StravaProfile extends Record<string, unknown> {
  id: number
  username?: string | null
  firstname?: string
  lastname?: string
  profile?: string
}

/**
 * Strava: Strava API v3 (scopes are comma-separated). Strava shares no e-mail.
 * Callback URL: `{AUTH_URL}/auth/callback/strava`; env `AUTH_STRAVA_ID` / `AUTH_STRAVA_SECRET`.
 */
export default function Strava(options: Partial<OAuthConfig<StravaProfile>> = {}): OAuthConfig<StravaProfile> {
  return oauth2Provider<StravaProfile>(
    {
      id: 'strava',
      name: 'Strava',
      authorization: 'https://www.strava.com/oauth/authorize',
      scope: 'read',
      params: { approval_prompt: 'auto' },
      token: 'https://www.strava.com/oauth/token',
      userinfo: 'https://www.strava.com/api/v3/athlete',
      client: { token_endpoint_auth_method: 'client_secret_post' },
      profile: (p) => ({ id: String(p.id), name: [p.firstname, p.lastname].filter(Boolean).join(' ') || str(p.username), email: null, image: str(p.profile), emailVerified: null }),
    },
    options,
  )
}

export { Strava }
