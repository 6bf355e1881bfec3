import { oidcProvider } from './shape.js'
import type { StandardClaims } from './provider-defaults.js'
import type { OIDCConfig } from './types.js'

/** Battle.net id_token claims (https://develop.battle.net/documentation/guides/using-oauth). */
export interface BattleNetProfile extends StandardClaims {
  battle_tag: string
}

export type BattleNetIssuer =
  | 'https://oauth.battle.net'
  | 'https://oauth.battlenet.com.cn'
  | 'https://www.battlenet.com.cn/oauth'
  | `https://${'us' | 'eu' | 'kr' | 'tw'}.battle.net/oauth`

/**
 * Battle.net (OpenID Connect). `issuer` picks the region (`https://oauth.battle.net` by default).
 * Battle.net shares no e-mail address; the name is the BattleTag.
 * Callback URL: `{AUTH_URL}/auth/callback/battlenet`.
 */
export default function BattleNet(options: Partial<OIDCConfig<BattleNetProfile>> & { issuer?: BattleNetIssuer | string } = {}): OIDCConfig<BattleNetProfile> {
  return oidcProvider<BattleNetProfile>(
    {
      id: 'battlenet',
      name: 'Battle.net',
      issuer: 'https://oauth.battle.net',
      scope: 'openid',
      profile: (p) => ({ id: p.sub, name: p.battle_tag, email: null, image: null, emailVerified: null }),
    },
    options,
  )
}

export { BattleNet }
