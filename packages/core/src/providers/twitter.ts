import { defineProvider } from './provider-defaults.js'
import type { OAuthConfig } from './types.js'

/** X API v2 `GET /2/users/me` (OAuth 2.0 with PKCE). */
export interface TwitterProfile extends Record<string, unknown> {
  data: {
    id: string
    name: string
    username: string
    profile_image_url?: string
    /** Only with the `users.email` scope and `user.fields=confirmed_email`. */
    confirmed_email?: string
  }
}

export default function Twitter(options: Partial<OAuthConfig<TwitterProfile>> = {}): OAuthConfig<TwitterProfile> {
  return defineProvider<TwitterProfile>(
    {
      id: 'twitter',
      name: 'Twitter',
      type: 'oauth',
      authorization: { url: 'https://x.com/i/oauth2/authorize', params: { scope: 'users.read tweet.read offline.access' } },
      token: 'https://api.x.com/2/oauth2/token',
      userinfo: { url: 'https://api.x.com/2/users/me', params: { 'user.fields': 'profile_image_url' } },
      profile: ({ data }) => ({ id: data.id, name: data.name, email: data.confirmed_email ?? null, image: data.profile_image_url ?? null }),
      style: { bg: '#000', text: '#fff' },
    },
    options,
  )
}

export { Twitter }
