import { oauth2Provider, str } from './shape.js'
import type { OAuthConfig } from './types.js'

/** The Box profile API answer (https://developer.box.com/guides/authentication/oauth2/). */
export interface BoxProfile extends Record<string, unknown> {
  id: string
  type?: 'user'
  name: string
  login: string
  avatar_url?: string
}

/**
 * Box: Box OAuth 2.0. The e-mail is the Box login; Box does not flag it verified: `emailVerified` is null.
 * Callback URL: `{AUTH_URL}/auth/callback/box`; env `AUTH_BOX_ID` / `AUTH_BOX_SECRET`.
 */
export default function Box(options: Partial<OAuthConfig<BoxProfile>> = {}): OAuthConfig<BoxProfile> {
  return oauth2Provider<BoxProfile>(
    {
      id: 'box',
      name: 'Box',
      authorization: 'https://account.box.com/api/oauth2/authorize',
      token: 'https://api.box.com/oauth2/token',
      userinfo: 'https://api.box.com/2.0/users/me',
      client: { token_endpoint_auth_method: 'client_secret_post' },
      profile: (p) => ({ id: p.id, name: p.name, email: str(p.login), image: str(p.avatar_url), emailVerified: null }),
    },
    options,
  )
}

export { Box }
