import { oauth2Provider, str, trimSlash } from './shape.js'
import type { OAuthConfig } from './types.js'

/** `GET /oauth/me` of an Osso instance (https://ossoapp.com/docs/reference/). */
export interface OssoProfile extends Record<string, unknown> {
  id: string
  email: string
  idp?: string
  requested?: Record<string, unknown>
}

/**
 * Osso (SAML SSO behind OAuth 2.0). `issuer` (or `AUTH_OSSO_ISSUER`) is your Osso URL. The e-mail comes
 * from the customer's identity provider: it is not marked verified. Callback URL: `{AUTH_URL}/auth/callback/osso`.
 */
export default function Osso(options: Partial<OAuthConfig<OssoProfile>> = {}): OAuthConfig<OssoProfile> {
  const base = trimSlash(options.issuer) ?? 'https://osso.invalid'
  return oauth2Provider<OssoProfile>(
    {
      id: 'osso',
      name: 'Osso',
      authorization: `${base}/oauth/authorize`,
      token: `${base}/oauth/token`,
      userinfo: `${base}/oauth/me`,
      client: { token_endpoint_auth_method: 'client_secret_post' },
      profile: (p) => ({ id: p.id, name: null, email: str(p.email), image: null, emailVerified: null }),
      rebuild: (filled) => Osso({ ...options, ...filled }),
    },
    options,
  )
}

export { Osso }
