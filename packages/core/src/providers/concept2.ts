import { oauth2Provider, str } from './shape.js'
import type { OAuthConfig } from './types.js'

/** The Concept2 profile API answer (https://log.concept2.com/developers/documentation/). */
export interface Concept2Profile extends Record<string, unknown> {
  data: { id: number; username: string; first_name?: string; last_name?: string; email?: string | null; profile_image?: string | null }
}

/**
 * Concept2: Concept2 Logbook API.
 * Callback URL: `{AUTH_URL}/auth/callback/concept2`; env `AUTH_CONCEPT2_ID` / `AUTH_CONCEPT2_SECRET`.
 */
export default function Concept2(options: Partial<OAuthConfig<Concept2Profile>> = {}): OAuthConfig<Concept2Profile> {
  return oauth2Provider<Concept2Profile>(
    {
      id: 'concept2',
      name: 'Concept2',
      authorization: 'https://log.concept2.com/oauth/authorize',
      scope: 'user:read',
      token: 'https://log.concept2.com/oauth/access_token',
      userinfo: 'https://log.concept2.com/api/users/me',
      client: { token_endpoint_auth_method: 'client_secret_post' },
      profile: ({ data }) => ({ id: String(data.id), name: [data.first_name, data.last_name].filter(Boolean).join(' ') || data.username, email: str(data.email), image: str(data.profile_image), emailVerified: null }),
    },
    options,
  )
}

export { Concept2 }
