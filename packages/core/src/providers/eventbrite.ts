import { oauth2Provider, str, verifiedAt } from './shape.js'
import type { OAuthConfig } from './types.js'

/** The Eventbrite profile API answer (https://www.eventbrite.com/platform/docs/authentication). */
export interface EventbriteProfile extends Record<string, unknown> {
  id: string
  name: string
  first_name?: string
  last_name?: string
  emails: { email: string; verified: boolean; primary: boolean }[]
  image_id?: string | null
}

/**
 * Eventbrite: Eventbrite OAuth 2.0 (`/v3/users/me/`): the primary address of `emails`, verified per its `verified` flag.
 * Callback URL: `{AUTH_URL}/auth/callback/eventbrite`; env `AUTH_EVENTBRITE_ID` / `AUTH_EVENTBRITE_SECRET`.
 */
export default function Eventbrite(options: Partial<OAuthConfig<EventbriteProfile>> = {}): OAuthConfig<EventbriteProfile> {
  return oauth2Provider<EventbriteProfile>(
    {
      id: 'eventbrite',
      name: 'Eventbrite',
      authorization: 'https://www.eventbrite.com/oauth/authorize',
      token: 'https://www.eventbrite.com/oauth/token',
      userinfo: 'https://www.eventbriteapi.com/v3/users/me/',
      client: { token_endpoint_auth_method: 'client_secret_post' },
      profile: (p) => {
        const e = p.emails?.find((x) => x.primary) ?? p.emails?.[0]
        return { id: p.id, name: p.name, email: str(e?.email), image: null, emailVerified: e?.email ? verifiedAt(e.verified) : null }
      },
    },
    options,
  )
}

export { Eventbrite }
