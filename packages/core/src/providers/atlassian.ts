import { oauth2Provider, str, verifiedAt } from './shape.js'
import type { OAuthConfig } from './types.js'

/** The Atlassian profile API answer (https://developer.atlassian.com/cloud/jira/platform/oauth-2-3lo-apps/). */
export interface AtlassianProfile extends Record<string, unknown> {
  account_id: string
  email: string
  email_verified?: boolean
  name: string
  picture?: string
  nickname?: string
  account_status?: string
}

/**
 * Atlassian: Atlassian OAuth 2.0 (3LO). `read:me` gives `/me` with `email_verified`.
 * Callback URL: `{AUTH_URL}/auth/callback/atlassian`; env `AUTH_ATLASSIAN_ID` / `AUTH_ATLASSIAN_SECRET`.
 */
export default function Atlassian(options: Partial<OAuthConfig<AtlassianProfile>> = {}): OAuthConfig<AtlassianProfile> {
  return oauth2Provider<AtlassianProfile>(
    {
      id: 'atlassian',
      name: 'Atlassian',
      authorization: 'https://auth.atlassian.com/authorize',
      scope: 'read:me',
      params: { audience: 'api.atlassian.com', prompt: 'consent' },
      token: 'https://auth.atlassian.com/oauth/token',
      userinfo: 'https://api.atlassian.com/me',
      client: { token_endpoint_auth_method: 'client_secret_post' },
      profile: (p) => ({ id: p.account_id, name: p.name, email: str(p.email), image: str(p.picture), emailVerified: str(p.email) ? verifiedAt(p.email_verified) : null }),
    },
    options,
  )
}

export { Atlassian }
