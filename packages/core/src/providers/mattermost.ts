import { oauth2Provider, str, trimSlash, verifiedAt } from './shape.js'
import type { OAuthConfig } from './types.js'

/** `GET /api/v4/users/me` (https://api.mattermost.com/#tag/users/operation/GetUser). */
export interface MattermostProfile extends Record<string, unknown> {
  id: string
  username: string
  email: string
  email_verified?: boolean
  nickname?: string
  first_name?: string
  last_name?: string
}

/**
 * Mattermost as an OAuth 2.0 provider. `issuer` (or `AUTH_MATTERMOST_ISSUER`) is your Mattermost URL.
 * Callback URL: `{AUTH_URL}/auth/callback/mattermost`. `email_verified` marks the address verified.
 */
export default function Mattermost(options: Partial<OAuthConfig<MattermostProfile>> = {}): OAuthConfig<MattermostProfile> {
  const base = trimSlash(options.issuer) ?? 'https://mattermost.invalid'
  return oauth2Provider<MattermostProfile>(
    {
      id: 'mattermost',
      name: 'Mattermost',
      authorization: `${base}/oauth/authorize`,
      token: `${base}/oauth/access_token`,
      userinfo: `${base}/api/v4/users/me`,
      client: { token_endpoint_auth_method: 'client_secret_post' },
      profile: (p) => ({
        id: p.id,
        name: [p.first_name, p.last_name].filter(Boolean).join(' ') || str(p.nickname) || p.username,
        email: str(p.email),
        image: null,
        emailVerified: p.email ? verifiedAt(p.email_verified) : null,
      }),
      rebuild: (filled) => Mattermost({ ...options, ...filled }),
    },
    options,
  )
}

export { Mattermost }
