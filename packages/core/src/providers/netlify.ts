import { oauth2Provider, str } from './shape.js'
import type { OAuthConfig } from './types.js'

/** The Netlify profile API answer (https://docs.netlify.com/api/get-started/#authentication). */
export interface NetlifyProfile extends Record<string, unknown> {
  id: string
  full_name: string | null
  email: string
  avatar_url: string | null
}

/**
 * Netlify: Netlify OAuth (`/api/v1/user`).
 * Callback URL: `{AUTH_URL}/auth/callback/netlify`; env `AUTH_NETLIFY_ID` / `AUTH_NETLIFY_SECRET`.
 */
export default function Netlify(options: Partial<OAuthConfig<NetlifyProfile>> = {}): OAuthConfig<NetlifyProfile> {
  return oauth2Provider<NetlifyProfile>(
    {
      id: 'netlify',
      name: 'Netlify',
      authorization: 'https://app.netlify.com/authorize',
      token: 'https://api.netlify.com/oauth/token',
      userinfo: 'https://api.netlify.com/api/v1/user',
      profile: (p) => ({ id: p.id, name: str(p.full_name), email: str(p.email), image: str(p.avatar_url), emailVerified: null }),
    },
    options,
  )
}

export { Netlify }
