import { oauth2Provider, str, trimSlash } from './shape.js'
import type { OAuthConfig } from './types.js'

/** The userinfo of SAML Jackson (`/api/oauth/userinfo`, https://boxyhq.com/docs/jackson/sso-flow). */
export interface BoxyHQSAMLProfile extends Record<string, unknown> {
  id: string
  email: string
  firstName?: string
  lastName?: string
  requested?: Record<string, unknown>
}

/**
 * BoxyHQ SAML Jackson (SAML SSO behind OAuth 2.0). `issuer` (or `AUTH_BOXYHQ_SAML_ISSUER`) is your
 * Jackson URL; pass `authorization: { params: { tenant, product } }` to pick the connection. The
 * e-mail is asserted by the customer's identity provider: not marked verified.
 * Callback URL: `{AUTH_URL}/auth/callback/boxyhq-saml`.
 */
export default function SAMLJackson(options: Partial<OAuthConfig<BoxyHQSAMLProfile>> = {}): OAuthConfig<BoxyHQSAMLProfile> {
  const base = trimSlash(options.issuer) ?? 'https://jackson.invalid'
  return oauth2Provider<BoxyHQSAMLProfile>(
    {
      id: 'boxyhq-saml',
      name: 'BoxyHQ SAML',
      authorization: `${base}/api/oauth/authorize`,
      token: `${base}/api/oauth/token`,
      userinfo: `${base}/api/oauth/userinfo`,
      client: { token_endpoint_auth_method: 'client_secret_post' },
      profile: (p) => ({
        id: p.id,
        name: [p.firstName, p.lastName].filter(Boolean).join(' ') || null,
        email: str(p.email),
        image: null,
        emailVerified: null,
      }),
      rebuild: (filled) => SAMLJackson({ ...options, ...filled }),
    },
    options,
  )
}

export { SAMLJackson }
