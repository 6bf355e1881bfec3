import { oauth2Provider, str } from './shape.js'
import type { OAuthConfig } from './types.js'

/** The FACEIT profile API answer (https://docs.faceit.com/getting-started/authentication/oauth-2.0). */
export interface FACEITProfile extends Record<string, unknown> {
  guid: string
  nickname: string
  email?: string
  picture?: string
  locale?: string
}

/**
 * FACEIT: FACEIT Connect (OAuth 2.0, client_secret_basic).
 * Callback URL: `{AUTH_URL}/auth/callback/faceit`; env `AUTH_FACEIT_ID` / `AUTH_FACEIT_SECRET`.
 */
export default function FACEIT(options: Partial<OAuthConfig<FACEITProfile>> = {}): OAuthConfig<FACEITProfile> {
  return oauth2Provider<FACEITProfile>(
    {
      id: 'faceit',
      name: 'FACEIT',
      authorization: 'https://accounts.faceit.com/accounts',
      scope: 'openid profile email',
      params: { redirect_popup: 'true' },
      token: 'https://api.faceit.com/auth/v1/oauth/token',
      userinfo: 'https://api.faceit.com/auth/v1/resources/userinfo',
      profile: (p) => ({ id: p.guid, name: p.nickname, email: str(p.email), image: str(p.picture), emailVerified: null }),
    },
    options,
  )
}

export { FACEIT }
