import { getJson, oauth2Provider, str } from './shape.js'
import type { OAuthConfig, UserinfoRequestContext } from './types.js'

/** `GET /v2/users/self` (https://docs.foursquare.com/developer/reference/personalization-apis-authentication). */
export interface FoursquareProfile extends Record<string, unknown> {
  response: {
    user: { id: string; firstName?: string; lastName?: string; contact?: { email?: string }; photo?: { prefix: string; suffix: string } }
  }
}

export interface FoursquareOptions extends Partial<OAuthConfig<FoursquareProfile>> {
  /** The `v` version date Foursquare's v2 API requires (YYYYMMDD). Default `20230901`. */
  apiVersion?: string
}

/**
 * Foursquare (Places personalization API, OAuth 2). The v2 API takes the token as the `oauth_token`
 * query parameter and a version date `v`. The address is not marked verified.
 * Callback URL: `{AUTH_URL}/auth/callback/foursquare`.
 */
export default function Foursquare(options: FoursquareOptions = {}): OAuthConfig<FoursquareProfile> {
  const { apiVersion = '20230901', ...rest } = options
  const self = 'https://api.foursquare.com/v2/users/self'
  return oauth2Provider<FoursquareProfile>(
    {
      id: 'foursquare',
      name: 'Foursquare',
      authorization: 'https://foursquare.com/oauth2/authenticate',
      token: 'https://foursquare.com/oauth2/access_token',
      userinfo: {
        url: self,
        request: ({ tokens, fetch }: UserinfoRequestContext) => {
          const url = new URL(self)
          url.searchParams.set('oauth_token', String(tokens.access_token))
          url.searchParams.set('v', apiVersion)
          return getJson(fetch, url.href, {})
        },
      },
      client: { token_endpoint_auth_method: 'client_secret_post' },
      profile: ({ response: { user: u } }) => ({
        id: u.id,
        name: [u.firstName, u.lastName].filter(Boolean).join(' ') || null,
        email: str(u.contact?.email),
        image: u.photo ? `${u.photo.prefix}original${u.photo.suffix}` : null,
        emailVerified: null,
      }),
    },
    rest,
  )
}

export { Foursquare }
