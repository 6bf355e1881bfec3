import { getJson, oauth2Provider, str } from './shape.js'
import type { OAuthConfig, UserinfoRequestContext } from './types.js'

/** `GET /users/me?extended=full` (https://trakt.docs.apiary.io/#reference/users/profile). */
export interface TraktUser extends Record<string, unknown> {
  username: string
  private?: boolean
  name?: string | null
  vip?: boolean
  ids: { slug: string; uuid?: string }
  images?: { avatar?: { full?: string } }
}

const ME = 'https://api.trakt.tv/users/me?extended=full'

/**
 * Trakt. Every API call carries `trakt-api-version: 2` and `trakt-api-key: <client id>`. Trakt shares
 * no e-mail. Use `https://api-staging.trakt.tv` endpoints for staging by overriding them.
 * Callback URL: `{AUTH_URL}/auth/callback/trakt`.
 */
export default function Trakt(options: Partial<OAuthConfig<TraktUser>> = {}): OAuthConfig<TraktUser> {
  return oauth2Provider<TraktUser>(
    {
      id: 'trakt',
      name: 'Trakt',
      authorization: 'https://trakt.tv/oauth/authorize',
      token: 'https://api.trakt.tv/oauth/token',
      userinfo: {
        url: ME,
        request: ({ tokens, fetch, provider }: UserinfoRequestContext) =>
          getJson(fetch, ME, {
            authorization: `Bearer ${tokens.access_token}`,
            'content-type': 'application/json',
            'trakt-api-version': '2',
            'trakt-api-key': String(provider.clientId),
          }),
      },
      client: { token_endpoint_auth_method: 'client_secret_post' },
      profile: (p) => ({ id: p.ids.uuid ?? p.ids.slug, name: str(p.name) ?? p.username, email: null, image: str(p.images?.avatar?.full), emailVerified: null }),
    },
    options,
  )
}

export { Trakt }
