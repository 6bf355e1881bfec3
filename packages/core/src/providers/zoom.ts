import { oauth2Provider, str } from './shape.js'
import type { OAuthConfig } from './types.js'

/** The Zoom profile API answer (https://developers.zoom.us/docs/integrations/oauth/). */
export interface ZoomProfile extends Record<string, unknown> {
  id: string
  first_name?: string
  last_name?: string
  display_name?: string
  email: string
  pic_url?: string
  verified?: number
}

/**
 * Zoom: Zoom OAuth (`/v2/users/me`). Zoom's numeric `verified` is about the account, not a statement about this address: `emailVerified` is null.
 * Callback URL: `{AUTH_URL}/auth/callback/zoom`; env `AUTH_ZOOM_ID` / `AUTH_ZOOM_SECRET`.
 */
export default function Zoom(options: Partial<OAuthConfig<ZoomProfile>> = {}): OAuthConfig<ZoomProfile> {
  return oauth2Provider<ZoomProfile>(
    {
      id: 'zoom',
      name: 'Zoom',
      authorization: 'https://zoom.us/oauth/authorize',
      token: 'https://zoom.us/oauth/token',
      userinfo: 'https://api.zoom.us/v2/users/me',
      profile: (p) => ({ id: p.id, name: str(p.display_name) ?? ([p.first_name, p.last_name].filter(Boolean).join(' ') || null), email: str(p.email), image: str(p.pic_url), emailVerified: null }),
    },
    options,
  )
}

export { Zoom }
