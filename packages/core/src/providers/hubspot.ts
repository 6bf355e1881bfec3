import { getJson, oauth2Provider, str } from './shape.js'
import type { OAuthConfig, UserinfoRequestContext } from './types.js'

/** `GET /oauth/v1/access-tokens/:token` (https://developers.hubspot.com/docs/api/oauth/tokens). */
export interface HubSpotProfile extends Record<string, unknown> {
  user: string
  user_id: number
  hub_id: number
  hub_domain?: string
  scopes?: string[]
  token_type?: string
}

/**
 * HubSpot. HubSpot has no profile endpoint: the access-token metadata names the user (`user` is the
 * e-mail, not marked verified). Callback URL: `{AUTH_URL}/auth/callback/hubspot`.
 */
export default function HubSpot(options: Partial<OAuthConfig<HubSpotProfile>> = {}): OAuthConfig<HubSpotProfile> {
  const base = 'https://api.hubapi.com/oauth/v1/access-tokens'
  return oauth2Provider<HubSpotProfile>(
    {
      id: 'hubspot',
      name: 'HubSpot',
      authorization: 'https://app.hubspot.com/oauth/authorize',
      scope: 'oauth',
      token: 'https://api.hubapi.com/oauth/v1/token',
      userinfo: {
        url: base,
        request: ({ tokens, fetch }: UserinfoRequestContext) => getJson(fetch, `${base}/${encodeURIComponent(String(tokens.access_token))}`, {}),
      },
      client: { token_endpoint_auth_method: 'client_secret_post' },
      profile: (p) => ({ id: String(p.user_id), name: str(p.user), email: str(p.user), image: null, emailVerified: null }),
    },
    options,
  )
}

export { HubSpot }
