import { oauth2Provider, str } from './shape.js'
import type { OAuthConfig } from './types.js'

/** The Threads profile API answer (https://developers.facebook.com/docs/threads/get-started/get-access-tokens-and-permissions). */
export interface ThreadsProfile extends Record<string, unknown> {
  id: string
  username: string
  name?: string
  threads_profile_picture_url?: string
}

/**
 * Threads: Threads API. Threads shares no e-mail.
 * Callback URL: `{AUTH_URL}/auth/callback/threads`; env `AUTH_THREADS_ID` / `AUTH_THREADS_SECRET`.
 */
export default function Threads(options: Partial<OAuthConfig<ThreadsProfile>> = {}): OAuthConfig<ThreadsProfile> {
  return oauth2Provider<ThreadsProfile>(
    {
      id: 'threads',
      name: 'Threads',
      authorization: 'https://threads.net/oauth/authorize',
      scope: 'threads_basic',
      token: 'https://graph.threads.net/oauth/access_token',
      userinfo: { url: 'https://graph.threads.net/v1.0/me', params: { fields: 'id,username,name,threads_profile_picture_url' } },
      client: { token_endpoint_auth_method: 'client_secret_post' },
      profile: (p) => ({ id: p.id, name: str(p.name) ?? p.username, email: null, image: str(p.threads_profile_picture_url), emailVerified: null }),
    },
    options,
  )
}

export { Threads }
