import { oauth2Provider, str, verifiedAt } from './shape.js'
import type { OAuthConfig } from './types.js'

/** The WordPress.com profile API answer (https://developer.wordpress.com/docs/oauth2/). */
export interface WordPressProfile extends Record<string, unknown> {
  ID: number
  display_name: string
  username: string
  email: string
  email_verified?: boolean
  avatar_URL?: string
}

/**
 * WordPress.com: WordPress.com OAuth2 (`/rest/v1/me`, with `email_verified`).
 * Callback URL: `{AUTH_URL}/auth/callback/wordpress`; env `AUTH_WORDPRESS_ID` / `AUTH_WORDPRESS_SECRET`.
 */
export default function WordPress(options: Partial<OAuthConfig<WordPressProfile>> = {}): OAuthConfig<WordPressProfile> {
  return oauth2Provider<WordPressProfile>(
    {
      id: 'wordpress',
      name: 'WordPress.com',
      authorization: 'https://public-api.wordpress.com/oauth2/authorize',
      scope: 'auth',
      token: 'https://public-api.wordpress.com/oauth2/token',
      userinfo: 'https://public-api.wordpress.com/rest/v1/me',
      client: { token_endpoint_auth_method: 'client_secret_post' },
      profile: (p) => ({ id: String(p.ID), name: p.display_name, email: str(p.email), image: str(p.avatar_URL), emailVerified: p.email ? verifiedAt(p.email_verified) : null }),
    },
    options,
  )
}

export { WordPress }
