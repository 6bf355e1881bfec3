import { getJson, oauth2Provider, str } from './shape.js'
import type { OAuthConfig, UserinfoRequestContext } from './types.js'

/** `GET /api/v2/user` (https://clickup.com/api/clickupreference/operation/GetAuthorizedUser/). */
export interface ClickUpProfile extends Record<string, unknown> {
  user: { id: number; username: string; email: string; color?: string; profilePicture?: string | null }
}

const USER = 'https://api.clickup.com/api/v2/user'

/**
 * ClickUp. ClickUp's API takes the access token as the bare `Authorization` value (no `Bearer`).
 * ClickUp does not flag the address verified. ClickUp's reference lists the token-request parameters as query
 * parameters; Latch sends them in the form body as RFC 6749 prescribes (untested against ClickUp itself).
 * Callback URL: `{AUTH_URL}/auth/callback/click-up`.
 */
export default function ClickUp(options: Partial<OAuthConfig<ClickUpProfile>> = {}): OAuthConfig<ClickUpProfile> {
  return oauth2Provider<ClickUpProfile>(
    {
      id: 'click-up',
      name: 'ClickUp',
      authorization: 'https://app.clickup.com/api',
      token: 'https://api.clickup.com/api/v2/oauth/token',
      userinfo: { url: USER, request: ({ tokens, fetch }: UserinfoRequestContext) => getJson(fetch, USER, { authorization: String(tokens.access_token) }) },
      client: { token_endpoint_auth_method: 'client_secret_post' },
      profile: ({ user }) => ({ id: String(user.id), name: user.username, email: str(user.email), image: str(user.profilePicture), emailVerified: null }),
    },
    options,
  )
}

export { ClickUp }
