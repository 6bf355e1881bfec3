import { affirmedEmail, defineProvider } from './provider-defaults.js'
import type { OIDCConfig } from './types.js'

/** Sign In with LinkedIn using OpenID Connect: id_token / userinfo claims. */
export interface LinkedInProfile extends Record<string, unknown> {
  sub: string
  name: string
  given_name?: string
  family_name?: string
  picture?: string
  locale?: string | { country: string; language: string }
  email?: string
  email_verified?: boolean
}

export default function LinkedIn(options: Partial<OIDCConfig<LinkedInProfile>> = {}): OIDCConfig<LinkedInProfile> {
  return defineProvider<LinkedInProfile>(
    {
      id: 'linkedin',
      name: 'LinkedIn',
      type: 'oidc',
      issuer: 'https://www.linkedin.com/oauth',
      authorization: { params: { scope: 'openid profile email' } },
      client: { token_endpoint_auth_method: 'client_secret_post' },
      // LinkedIn supports PKCE for native apps only and does not echo a nonce.
      checks: ['state'],
      profile: (p) => ({ id: p.sub, name: p.name, email: p.email ?? null, emailVerified: affirmedEmail(p.email_verified), image: p.picture ?? null }),
      style: { bg: '#069', text: '#fff' },
    },
    options,
  ) as OIDCConfig<LinkedInProfile>
}

export { LinkedIn }
