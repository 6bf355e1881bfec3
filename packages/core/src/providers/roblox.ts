import type { StandardClaims } from './provider-defaults.js'
import { oidcProvider, str } from './shape.js'
import type { OIDCConfig } from './types.js'

/** Roblox id_token / userinfo claims (https://create.roblox.com/docs/cloud/reference/oauth2). */
export interface RobloxProfile extends StandardClaims {
  nickname?: string
  created_at?: number
  profile?: string
}

/**
 * Roblox. Roblox OAuth 2.0 (OpenID Connect). Roblox shares no e-mail address.
 * Callback URL: `{AUTH_URL}/auth/callback/roblox`.
 */
export default function Roblox(options: Partial<OIDCConfig<RobloxProfile>> = {}): OIDCConfig<RobloxProfile> {
  return oidcProvider<RobloxProfile>(
    {
      id: 'roblox',
      name: 'Roblox',
      issuer: 'https://apis.roblox.com/oauth/',
      scope: 'openid profile',
      profile: (p) => ({ id: p.sub, name: str(p.nickname) ?? str(p.preferred_username) ?? str(p.name), email: null, image: str(p.picture), emailVerified: null }),
    },
    options,
  )
}

export { Roblox }
