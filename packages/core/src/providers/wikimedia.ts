import { oauth2Provider, str, verifiedAt } from './shape.js'
import type { OAuthConfig } from './types.js'

/** The Wikimedia profile API answer (https://api.wikimedia.org/wiki/Authentication). */
export interface WikimediaProfile extends Record<string, unknown> {
  sub: string
  username: string
  editcount?: number
  confirmed_email?: boolean
  blocked?: boolean
  registered?: string
  groups?: string[]
  rights?: string[]
  realname?: string
  email?: string
}

/**
 * Wikimedia: Wikimedia OAuth 2.0 (meta.wikimedia.org). The e-mail needs the "User identity verification + e-mail" grant; `confirmed_email` marks it verified.
 * Callback URL: `{AUTH_URL}/auth/callback/wikimedia`; env `AUTH_WIKIMEDIA_ID` / `AUTH_WIKIMEDIA_SECRET`.
 */
export default function Wikimedia(options: Partial<OAuthConfig<WikimediaProfile>> = {}): OAuthConfig<WikimediaProfile> {
  return oauth2Provider<WikimediaProfile>(
    {
      id: 'wikimedia',
      name: 'Wikimedia',
      authorization: 'https://meta.wikimedia.org/w/rest.php/oauth2/authorize',
      token: 'https://meta.wikimedia.org/w/rest.php/oauth2/access_token',
      userinfo: 'https://meta.wikimedia.org/w/rest.php/oauth2/resource/profile',
      client: { token_endpoint_auth_method: 'client_secret_post' },
      profile: (p) => ({ id: p.sub, name: p.username, email: str(p.email), image: null, emailVerified: p.email ? verifiedAt(p.confirmed_email) : null }),
    },
    options,
  )
}

export { Wikimedia }
