import { oauth2Provider, str } from './shape.js'
import type { OAuthConfig } from './types.js'

/** The Pipedrive profile API answer (https://pipedrive.readme.io/docs/marketplace-oauth-authorization). */
export interface PipedriveProfile extends Record<string, unknown> {
  success: boolean
  data: { id: number; name: string; email: string; icon_url?: string | null; activated?: boolean }
}

/**
 * Pipedrive: Pipedrive Marketplace OAuth.
 * Callback URL: `{AUTH_URL}/auth/callback/pipedrive`; env `AUTH_PIPEDRIVE_ID` / `AUTH_PIPEDRIVE_SECRET`.
 */
export default function Pipedrive(options: Partial<OAuthConfig<PipedriveProfile>> = {}): OAuthConfig<PipedriveProfile> {
  return oauth2Provider<PipedriveProfile>(
    {
      id: 'pipedrive',
      name: 'Pipedrive',
      authorization: 'https://oauth.pipedrive.com/oauth/authorize',
      token: 'https://oauth.pipedrive.com/oauth/token',
      userinfo: 'https://api.pipedrive.com/v1/users/me',
      profile: ({ data }) => ({ id: String(data.id), name: data.name, email: str(data.email), image: str(data.icon_url), emailVerified: null }),
    },
    options,
  )
}

export { Pipedrive }
