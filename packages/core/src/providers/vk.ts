import { getJson, oauth2Provider, str } from './shape.js'
import type { OAuthConfig, TokenSet, UserinfoRequestContext } from './types.js'

/** `users.get` of the VK API (https://dev.vk.com/en/method/users.get). */
export interface VkProfile extends Record<string, unknown> {
  response: { id: number; first_name: string; last_name: string; photo_100?: string; screen_name?: string }[]
}

const API_VERSION = '5.199'
const USERS_GET = 'https://api.vk.com/method/users.get'

/**
 * VK. The API takes the token as the `access_token` parameter with a version `v`; the e-mail (scope
 * `email`) comes in the token response, and VK does not flag it verified.
 * Callback URL: `{AUTH_URL}/auth/callback/vk`.
 */
export default function VK(options: Partial<OAuthConfig<VkProfile>> = {}): OAuthConfig<VkProfile> {
  return oauth2Provider<VkProfile>(
    {
      id: 'vk',
      name: 'VK',
      authorization: 'https://oauth.vk.com/authorize',
      scope: 'email',
      params: { v: API_VERSION },
      token: 'https://oauth.vk.com/access_token',
      userinfo: {
        url: USERS_GET,
        request: ({ tokens, fetch }: UserinfoRequestContext) => {
          const url = new URL(USERS_GET)
          url.search = new URLSearchParams({ fields: 'photo_100,screen_name', v: API_VERSION, access_token: String(tokens.access_token) }).toString()
          return getJson(fetch, url.href, {})
        },
      },
      client: { token_endpoint_auth_method: 'client_secret_post' },
      profile: (p, tokens: TokenSet) => {
        const u = p.response?.[0]
        if (!u) throw new Error('VK users.get answered no user')
        return {
          id: String(u.id),
          name: [u.first_name, u.last_name].filter(Boolean).join(' ') || null,
          email: str(tokens.email),
          image: str(u.photo_100),
          emailVerified: null,
        }
      },
    },
    options,
  )
}

export { VK }
