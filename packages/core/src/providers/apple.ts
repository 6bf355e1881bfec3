import { affirmedEmail, defineProvider } from './provider-defaults.js'
import type { OIDCConfig } from './types.js'

/** Apple id_token claims, plus the `user` JSON Apple posts once on the first sign-in. */
export interface AppleProfile extends Record<string, unknown> {
  iss: string
  aud: string
  sub: string
  email?: string
  email_verified?: boolean | 'true' | 'false'
  is_private_email?: boolean | 'true' | 'false'
  real_user_status?: 0 | 1 | 2
  /** Posted by Apple (form_post) on the first authorization only. */
  user?: { name?: { firstName?: string; lastName?: string }; email?: string }
}

/**
 * Sign in with Apple. `clientSecret` is the ES256 client-secret JWT you generate from your Apple key.
 * Apple answers with response_mode=form_post (a cross-site POST): over https the check cookies are
 * set SameSite=None automatically.
 */
export default function Apple(options: Partial<OIDCConfig<AppleProfile>> = {}): OIDCConfig<AppleProfile> {
  return defineProvider<AppleProfile>(
    {
      id: 'apple',
      name: 'Apple',
      type: 'oidc',
      issuer: 'https://appleid.apple.com',
      authorization: { params: { scope: 'name email', response_mode: 'form_post' } },
      client: { token_endpoint_auth_method: 'client_secret_post' },
      checks: ['state', 'nonce'],
      profile: (p) => {
        const first = p.user?.name?.firstName
        const last = p.user?.name?.lastName
        const name = [first, last].filter(Boolean).join(' ')
        // Only the signed id_token's claim counts (never the form-posted `user.email`). Apple documents
        // `email_verified` as the string "true" as well as the boolean; both are Apple's affirmation.
        const verified = p.email_verified === 'true' ? true : p.email_verified
        return { id: p.sub, name: name || null, email: p.email ?? null, emailVerified: p.email ? affirmedEmail(verified) : null, image: null }
      },
      style: { bg: '#000', text: '#fff' },
    },
    options,
  ) as OIDCConfig<AppleProfile>
}

export { Apple }
