import { oauth2Provider, str } from './shape.js'
import type { OAuthConfig } from './types.js'

/** LINE Login v2.1 userinfo, `GET https://api.line.me/oauth2/v2.1/userinfo` (https://developers.line.biz/en/reference/line-login/#userinfo). */
export interface LineProfile extends Record<string, unknown> {
  sub: string
  name?: string
  picture?: string
}

/**
 * LINE Login v2.1. LINE signs the id_token of web logins with HS256 and the channel secret, although its
 * discovery document lists only ES256, so the id_token cannot be checked against LINE's JWKS: this provider
 * uses LINE's userinfo endpoint instead (plain OAuth 2.0 with PKCE and state). LINE's e-mail address is
 * only in that id_token: `email` is null. The token endpoint takes the channel secret in the body.
 * Callback URL: `{AUTH_URL}/auth/callback/line`.
 */
export default function LINE(options: Partial<OAuthConfig<LineProfile>> = {}): OAuthConfig<LineProfile> {
  return oauth2Provider<LineProfile>(
    {
      id: 'line',
      name: 'LINE',
      authorization: 'https://access.line.me/oauth2/v2.1/authorize',
      scope: 'openid profile',
      token: 'https://api.line.me/oauth2/v2.1/token',
      userinfo: 'https://api.line.me/oauth2/v2.1/userinfo',
      client: { token_endpoint_auth_method: 'client_secret_post' },
      profile: (p) => ({ id: p.sub, name: str(p.name), email: null, image: str(p.picture), emailVerified: null }),
    },
    options,
  )
}

export { LINE }
