import { defineProvider } from './provider-defaults.js'
import type { OAuthConfig } from './types.js'

/** https://developer.spotify.com/documentation/web-api/reference/get-current-users-profile */
export interface SpotifyProfile extends Record<string, unknown> {
  id: string
  display_name: string | null
  email?: string
  country?: string
  images?: { url: string; height: number | null; width: number | null }[]
  product?: string
  uri?: string
}

export default function Spotify(options: Partial<OAuthConfig<SpotifyProfile>> = {}): OAuthConfig<SpotifyProfile> {
  return defineProvider<SpotifyProfile>(
    {
      id: 'spotify',
      name: 'Spotify',
      type: 'oauth',
      authorization: { url: 'https://accounts.spotify.com/authorize', params: { scope: 'user-read-email' } },
      token: 'https://accounts.spotify.com/api/token',
      userinfo: 'https://api.spotify.com/v1/me',
      profile: (p) => ({ id: p.id, name: p.display_name, email: p.email ?? null, image: p.images?.[0]?.url ?? null }),
      style: { bg: '#000', text: '#1db954' },
    },
    options,
  )
}

export { Spotify }
