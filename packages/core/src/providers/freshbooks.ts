import { oauth2Provider, str } from './shape.js'
import type { OAuthConfig } from './types.js'

/** The Freshbooks profile API answer (https://www.freshbooks.com/api/authentication). */
export interface FreshbooksProfile extends Record<string, unknown> {
  response: { id: number; first_name?: string; last_name?: string; email: string; profile?: { picture?: string | null } }
}

/**
 * Freshbooks: FreshBooks identity (`/auth/api/v1/users/me`).
 * Callback URL: `{AUTH_URL}/auth/callback/freshbooks`; env `AUTH_FRESHBOOKS_ID` / `AUTH_FRESHBOOKS_SECRET`.
 */
export default function Freshbooks(options: Partial<OAuthConfig<FreshbooksProfile>> = {}): OAuthConfig<FreshbooksProfile> {
  return oauth2Provider<FreshbooksProfile>(
    {
      id: 'freshbooks',
      name: 'Freshbooks',
      authorization: 'https://auth.freshbooks.com/oauth/authorize',
      scope: 'user:profile:read',
      token: 'https://api.freshbooks.com/auth/oauth/token',
      userinfo: 'https://api.freshbooks.com/auth/api/v1/users/me',
      client: { token_endpoint_auth_method: 'client_secret_post' },
      profile: ({ response: r }) => ({ id: String(r.id), name: [r.first_name, r.last_name].filter(Boolean).join(' ') || null, email: str(r.email), image: null, emailVerified: null }),
    },
    options,
  )
}

export { Freshbooks }
