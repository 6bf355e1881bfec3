import { oauth2Provider } from './shape.js'
import type { OAuthConfig } from './types.js'

/** The EVE Online profile API answer (https://docs.esi.evetech.net/docs/sso/). */
export interface EVEOnlineProfile extends Record<string, unknown> {
  CharacterID: number
  CharacterName: string
  ExpiresOn?: string
  Scopes?: string
  TokenType?: string
  CharacterOwnerHash: string
}

/**
 * EVE Online: EVE Online SSO v2. The account is a character: no e-mail.
 * Callback URL: `{AUTH_URL}/auth/callback/eveonline`; env `AUTH_EVEONLINE_ID` / `AUTH_EVEONLINE_SECRET`.
 */
export default function EVEOnline(options: Partial<OAuthConfig<EVEOnlineProfile>> = {}): OAuthConfig<EVEOnlineProfile> {
  return oauth2Provider<EVEOnlineProfile>(
    {
      id: 'eveonline',
      name: 'EVE Online',
      authorization: 'https://login.eveonline.com/v2/oauth/authorize',
      scope: 'publicData',
      token: 'https://login.eveonline.com/v2/oauth/token',
      userinfo: 'https://login.eveonline.com/oauth/verify',
      profile: (p) => ({ id: String(p.CharacterID), name: p.CharacterName, email: null, image: `https://images.evetech.net/characters/${p.CharacterID}/portrait?size=128`, emailVerified: null }),
    },
    options,
  )
}

export { EVEOnline }
