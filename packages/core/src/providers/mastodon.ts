import { oauth2Provider, str, trimSlash } from './shape.js'
import type { OAuthConfig } from './types.js'

/** The account `GET /api/v1/accounts/verify_credentials` returns (https://docs.joinmastodon.org/methods/accounts/#verify_credentials). */
export interface MastodonProfile extends Record<string, unknown> {
  id: string
  username: string
  acct: string
  display_name: string
  avatar: string
  url?: string
}

/**
 * Mastodon. `issuer` (or `AUTH_MASTODON_ISSUER`) is the server's URL, e.g. `https://mastodon.social`;
 * the endpoints live under it. Mastodon shares no e-mail address. Register the app on that server
 * (`POST /api/v1/apps`) with the callback URL `{AUTH_URL}/auth/callback/mastodon`.
 */
export default function Mastodon(options: Partial<OAuthConfig<MastodonProfile>> = {}): OAuthConfig<MastodonProfile> {
  const base = trimSlash(options.issuer) ?? 'https://mastodon.invalid'
  return oauth2Provider<MastodonProfile>(
    {
      id: 'mastodon',
      name: 'Mastodon',
      authorization: `${base}/oauth/authorize`,
      scope: 'read:accounts',
      token: `${base}/oauth/token`,
      userinfo: `${base}/api/v1/accounts/verify_credentials`,
      client: { token_endpoint_auth_method: 'client_secret_post' },
      profile: (p) => ({ id: p.id, name: str(p.display_name) ?? p.username, email: null, image: str(p.avatar), emailVerified: null }),
      rebuild: (filled) => Mastodon({ ...options, ...filled }),
    },
    options,
  )
}

export { Mastodon }
