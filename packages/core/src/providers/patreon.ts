import { oauth2Provider, str, verifiedAt } from './shape.js'
import type { OAuthConfig } from './types.js'

/** The Patreon profile API answer (https://docs.patreon.com/#oauth). */
export interface PatreonProfile extends Record<string, unknown> {
  data: { id: string; attributes: { email?: string; full_name?: string; image_url?: string; is_email_verified?: boolean } }
}

/**
 * Patreon: Patreon API v2 identity, with `is_email_verified`.
 * Callback URL: `{AUTH_URL}/auth/callback/patreon`; env `AUTH_PATREON_ID` / `AUTH_PATREON_SECRET`.
 */
export default function Patreon(options: Partial<OAuthConfig<PatreonProfile>> = {}): OAuthConfig<PatreonProfile> {
  return oauth2Provider<PatreonProfile>(
    {
      id: 'patreon',
      name: 'Patreon',
      authorization: 'https://www.patreon.com/oauth2/authorize',
      scope: 'identity identity[email]',
      token: 'https://www.patreon.com/api/oauth2/token',
      userinfo: { url: 'https://www.patreon.com/api/oauth2/v2/identity', params: { 'fields[user]': 'email,full_name,image_url,is_email_verified' } },
      client: { token_endpoint_auth_method: 'client_secret_post' },
      profile: ({ data: { id, attributes: a } }) => ({ id, name: str(a.full_name), email: str(a.email), image: str(a.image_url), emailVerified: a.email ? verifiedAt(a.is_email_verified) : null }),
    },
    options,
  )
}

export { Patreon }
