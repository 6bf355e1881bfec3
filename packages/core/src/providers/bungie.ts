import { getJson, oauth2Provider, str } from './shape.js'
import type { OAuthConfig, UserinfoRequestContext } from './types.js'

/** `GET /Platform/User/GetMembershipsForCurrentUser/` (https://bungie-net.github.io/multi/operation_get_User-GetMembershipsForCurrentUser.html). */
export interface BungieProfile extends Record<string, unknown> {
  Response: {
    bungieNetUser: { membershipId: string; uniqueName?: string; displayName?: string; profilePicturePath?: string }
    destinyMemberships?: unknown[]
  }
}

export interface BungieOptions extends Partial<OAuthConfig<BungieProfile>> {
  /** Your application's API key: Bungie requires it as `X-API-Key` on every API call. */
  apiKey?: string
}

const API = 'https://www.bungie.net/Platform'

/**
 * Bungie.net. Pass `apiKey` (the application's API key). Bungie shares no e-mail address. Bungie
 * requires https callback URLs: `{AUTH_URL}/auth/callback/bungie`.
 */
export default function Bungie(options: BungieOptions = {}): OAuthConfig<BungieProfile> {
  const { apiKey, ...rest } = options
  const userinfo = `${API}/User/GetMembershipsForCurrentUser/`
  return oauth2Provider<BungieProfile>(
    {
      id: 'bungie',
      name: 'Bungie',
      authorization: 'https://www.bungie.net/en/OAuth/Authorize',
      token: `${API}/App/OAuth/token/`,
      userinfo: {
        url: userinfo,
        request: ({ tokens, fetch }: UserinfoRequestContext) =>
          getJson(fetch, userinfo, { authorization: `Bearer ${tokens.access_token}`, ...(apiKey ? { 'x-api-key': apiKey } : {}) }),
      },
      client: { token_endpoint_auth_method: 'client_secret_post' },
      profile: ({ Response: { bungieNetUser: u } }) => ({
        id: u.membershipId,
        name: str(u.uniqueName) ?? str(u.displayName),
        email: null,
        image: u.profilePicturePath ? `https://www.bungie.net${u.profilePicturePath}` : null,
        emailVerified: null,
      }),
    },
    rest,
  )
}

export { Bungie }
