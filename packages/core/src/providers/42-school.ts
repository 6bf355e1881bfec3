import { oauth2Provider, str } from './shape.js'
import type { OAuthConfig } from './types.js'

/** The 42 School profile API answer (https://api.intra.42.fr/apidoc/guides/web_application_flow). */
export interface FortyTwoProfile extends Record<string, unknown> {
  id: number
  login: string
  email: string
  displayname?: string
  usual_full_name?: string | null
  image?: { link: string | null; versions?: Record<string, string | null> }
}

/**
 * 42 School: The 42 intranet API (`/v2/me`). 42 does not say whether the address is verified: `emailVerified` is null.
 * Callback URL: `{AUTH_URL}/auth/callback/42-school`; env `AUTH_42_SCHOOL_ID` / `AUTH_42_SCHOOL_SECRET`.
 */
export default function FortyTwo(options: Partial<OAuthConfig<FortyTwoProfile>> = {}): OAuthConfig<FortyTwoProfile> {
  return oauth2Provider<FortyTwoProfile>(
    {
      id: '42-school',
      name: '42 School',
      authorization: 'https://api.intra.42.fr/oauth/authorize',
      scope: 'public',
      token: 'https://api.intra.42.fr/oauth/token',
      userinfo: 'https://api.intra.42.fr/v2/me',
      profile: (p) => ({ id: String(p.id), name: str(p.usual_full_name) ?? str(p.displayname) ?? p.login, email: str(p.email), image: str(p.image?.link), emailVerified: null }),
    },
    options,
  )
}

export { FortyTwo }
