import { oauth2Provider, str } from './shape.js'
import type { OAuthConfig } from './types.js'

/** The Dribbble profile API answer (https://developer.dribbble.com/v2/oauth/). */
export interface DribbbleProfile extends Record<string, unknown> {
  id: number
  login: string
  name: string | null
  avatar_url: string | null
  email?: string | null
}

/**
 * Dribbble: Dribbble API v2. Dribbble's user object carries no verified e-mail.
 * Callback URL: `{AUTH_URL}/auth/callback/dribbble`; env `AUTH_DRIBBBLE_ID` / `AUTH_DRIBBBLE_SECRET`.
 */
export default function Dribbble(options: Partial<OAuthConfig<DribbbleProfile>> = {}): OAuthConfig<DribbbleProfile> {
  return oauth2Provider<DribbbleProfile>(
    {
      id: 'dribbble',
      name: 'Dribbble',
      authorization: 'https://dribbble.com/oauth/authorize',
      scope: 'public',
      token: 'https://dribbble.com/oauth/token',
      userinfo: 'https://api.dribbble.com/v2/user',
      client: { token_endpoint_auth_method: 'client_secret_post' },
      profile: (p) => ({ id: String(p.id), name: str(p.name) ?? p.login, email: str(p.email), image: str(p.avatar_url), emailVerified: null }),
    },
    options,
  )
}

export { Dribbble }
