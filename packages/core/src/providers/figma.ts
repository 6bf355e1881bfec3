import { oauth2Provider, str } from './shape.js'
import type { OAuthConfig } from './types.js'

/** The Figma profile API answer (https://www.figma.com/developers/api#oauth2). */
export interface FigmaProfile extends Record<string, unknown> {
  id: string
  email: string
  handle: string
  img_url: string
}

/**
 * Figma: Figma REST API OAuth 2 (`/v1/me`).
 * Callback URL: `{AUTH_URL}/auth/callback/figma`; env `AUTH_FIGMA_ID` / `AUTH_FIGMA_SECRET`.
 */
export default function Figma(options: Partial<OAuthConfig<FigmaProfile>> = {}): OAuthConfig<FigmaProfile> {
  return oauth2Provider<FigmaProfile>(
    {
      id: 'figma',
      name: 'Figma',
      authorization: 'https://www.figma.com/oauth',
      scope: 'current_user:read',
      token: 'https://api.figma.com/v1/oauth/token',
      userinfo: 'https://api.figma.com/v1/me',
      profile: (p) => ({ id: p.id, name: p.handle, email: str(p.email), image: str(p.img_url), emailVerified: null }),
    },
    options,
  )
}

export { Figma }
