import { getJson, oauth2Provider, str } from './shape.js'
import type { OAuthConfig, UserinfoRequestContext } from './types.js'

/** `GET https://accounts.zoho.com/oauth/user/info` (https://www.zoho.com/accounts/protocol/oauth.html). */
export interface ZohoProfile extends Record<string, unknown> {
  ZUID: number | string
  First_Name?: string
  Last_Name?: string
  Display_Name?: string
  Email: string
}

const INFO = 'https://accounts.zoho.com/oauth/user/info'

/**
 * Zoho Accounts (US data centre; override the endpoints for `.eu`, `.in`, `.com.au`...). The API takes
 * `Authorization: Zoho-oauthtoken <token>`. The address is not marked verified.
 * Callback URL: `{AUTH_URL}/auth/callback/zoho`.
 */
export default function Zoho(options: Partial<OAuthConfig<ZohoProfile>> = {}): OAuthConfig<ZohoProfile> {
  const info = typeof options.userinfo === 'string' ? options.userinfo : (options.userinfo?.url ?? INFO)
  return oauth2Provider<ZohoProfile>(
    {
      id: 'zoho',
      name: 'Zoho',
      authorization: 'https://accounts.zoho.com/oauth/v2/auth',
      scope: 'AaaServer.profile.Read',
      token: 'https://accounts.zoho.com/oauth/v2/token',
      userinfo: { url: INFO, request: ({ tokens, fetch }: UserinfoRequestContext) => getJson(fetch, info, { authorization: `Zoho-oauthtoken ${tokens.access_token}` }) },
      client: { token_endpoint_auth_method: 'client_secret_post' },
      profile: (p) => ({
        id: String(p.ZUID),
        name: str(p.Display_Name) ?? ([p.First_Name, p.Last_Name].filter(Boolean).join(' ') || null),
        email: str(p.Email),
        image: null,
        emailVerified: null,
      }),
    },
    options,
  )
}

export { Zoho }
