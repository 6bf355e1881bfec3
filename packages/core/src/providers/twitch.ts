import { affirmedEmail, defineProvider } from './provider-defaults.js'
import type { OIDCConfig } from './types.js'

/** Twitch OIDC id_token claims (requested through the `claims` parameter). */
export interface TwitchProfile extends Record<string, unknown> {
  sub: string
  preferred_username: string
  email?: string
  email_verified?: boolean
  picture?: string
}

export default function Twitch(options: Partial<OIDCConfig<TwitchProfile>> = {}): OIDCConfig<TwitchProfile> {
  return defineProvider<TwitchProfile>(
    {
      id: 'twitch',
      name: 'Twitch',
      type: 'oidc',
      issuer: 'https://id.twitch.tv/oauth2',
      authorization: {
        params: {
          scope: 'openid user:read:email',
          claims: JSON.stringify({ id_token: { email: null, email_verified: null, picture: null, preferred_username: null } }),
        },
      },
      // Twitch reads the client credentials from the form body.
      client: { token_endpoint_auth_method: 'client_secret_post' },
      idToken: true,
      profile: (p) => ({ id: p.sub, name: p.preferred_username, email: p.email ?? null, emailVerified: affirmedEmail(p.email_verified), image: p.picture ?? null }),
      style: { bg: '#65459B', text: '#fff' },
    },
    options,
  ) as OIDCConfig<TwitchProfile>
}

export { Twitch }
