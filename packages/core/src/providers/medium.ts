import { oauth2Provider, str } from './shape.js'
import type { OAuthConfig } from './types.js'

/** The Medium profile API answer (https://github.com/Medium/medium-api-docs). */
export interface MediumProfile extends Record<string, unknown> {
  data: { id: string; username: string; name: string; url?: string; imageUrl?: string }
}

/**
 * Medium: Medium API (no longer issuing new integration tokens, kept for existing apps). Medium shares no e-mail.
 * Callback URL: `{AUTH_URL}/auth/callback/medium`; env `AUTH_MEDIUM_ID` / `AUTH_MEDIUM_SECRET`.
 */
export default function Medium(options: Partial<OAuthConfig<MediumProfile>> = {}): OAuthConfig<MediumProfile> {
  return oauth2Provider<MediumProfile>(
    {
      id: 'medium',
      name: 'Medium',
      authorization: 'https://medium.com/m/oauth/authorize',
      scope: 'basicProfile',
      token: 'https://api.medium.com/v1/tokens',
      userinfo: 'https://api.medium.com/v1/me',
      client: { token_endpoint_auth_method: 'client_secret_post' },
      profile: ({ data }) => ({ id: data.id, name: data.name, email: null, image: str(data.imageUrl), emailVerified: null }),
    },
    options,
  )
}

export { Medium }
