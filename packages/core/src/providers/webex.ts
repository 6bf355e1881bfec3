import { oauth2Provider, str, trimSlash } from './shape.js'
import type { OAuthConfig } from './types.js'

/** `GET /people/me` (https://developer.webex.com/docs/api/v1/people/get-my-own-details). */
export interface WebexProfile extends Record<string, unknown> {
  id: string
  emails: string[]
  displayName?: string
  avatar?: string
}

export interface WebexOptions extends Partial<OAuthConfig<WebexProfile>> {
  /** Default `https://webexapis.com/v1`. */
  apiBaseUrl?: string
}

/**
 * Webex (Cisco) integrations. Webex does not flag the address verified.
 * Callback URL: `{AUTH_URL}/auth/callback/webex`.
 */
export default function Webex(options: WebexOptions = {}): OAuthConfig<WebexProfile> {
  const { apiBaseUrl, ...rest } = options
  const api = trimSlash(apiBaseUrl) ?? 'https://webexapis.com/v1'
  return oauth2Provider<WebexProfile>(
    {
      id: 'webex',
      name: 'Webex',
      authorization: `${api}/authorize`,
      scope: 'spark:kms spark:people_read',
      token: `${api}/access_token`,
      userinfo: `${api}/people/me`,
      client: { token_endpoint_auth_method: 'client_secret_post' },
      profile: (p) => ({ id: p.id, name: str(p.displayName), email: str(p.emails?.[0]), image: str(p.avatar), emailVerified: null }),
    },
    rest,
  )
}

export { Webex }
