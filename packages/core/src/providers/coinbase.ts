import { oauth2Provider, str } from './shape.js'
import type { OAuthConfig } from './types.js'

/** The Coinbase profile API answer (https://docs.cdp.coinbase.com/coinbase-app/docs/coinbase-app-integration). */
export interface CoinbaseProfile extends Record<string, unknown> {
  data: { id: string; name: string | null; username?: string | null; avatar_url?: string | null; email?: string | null }
}

/**
 * Coinbase: Coinbase App OAuth2 (`/v2/user`; the e-mail needs `wallet:user:email`).
 * Callback URL: `{AUTH_URL}/auth/callback/coinbase`; env `AUTH_COINBASE_ID` / `AUTH_COINBASE_SECRET`.
 */
export default function Coinbase(options: Partial<OAuthConfig<CoinbaseProfile>> = {}): OAuthConfig<CoinbaseProfile> {
  return oauth2Provider<CoinbaseProfile>(
    {
      id: 'coinbase',
      name: 'Coinbase',
      authorization: 'https://login.coinbase.com/oauth2/auth',
      scope: 'wallet:user:read wallet:user:email',
      token: 'https://login.coinbase.com/oauth2/token',
      userinfo: 'https://api.coinbase.com/v2/user',
      profile: ({ data }) => ({ id: data.id, name: str(data.name) ?? str(data.username), email: str(data.email), image: str(data.avatar_url), emailVerified: null }),
    },
    options,
  )
}

export { Coinbase }
