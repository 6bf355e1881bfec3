import { oauth2Provider, str } from './shape.js'
import type { OAuthConfig, UserinfoRequestContext } from './types.js'

/** The `user` resource of Todoist's Sync API (https://developer.todoist.com/sync/v9/#user). */
export interface TodoistProfile extends Record<string, unknown> {
  id: string
  email: string
  full_name: string
  avatar_big?: string
  avatar_medium?: string
}

const SYNC = 'https://api.todoist.com/sync/v9/sync'

async function todoistUser({ tokens, fetch }: UserinfoRequestContext): Promise<TodoistProfile> {
  const res = await fetch(SYNC, {
    method: 'POST',
    headers: { authorization: `Bearer ${tokens.access_token}`, 'content-type': 'application/x-www-form-urlencoded', accept: 'application/json' },
    body: new URLSearchParams({ sync_token: '*', resource_types: '["user"]' }).toString(),
  })
  if (!res.ok) throw new Error(`api.todoist.com answered ${res.status}`)
  const body = (await res.json()) as { user?: TodoistProfile }
  if (!body.user?.id) throw new Error('Todoist sync answered no user')
  return body.user
}

/**
 * Todoist. The user is read through the Sync API (`resource_types=["user"]`). The address is not marked
 * verified. Callback URL: `{AUTH_URL}/auth/callback/todoist`.
 */
export default function Todoist(options: Partial<OAuthConfig<TodoistProfile>> = {}): OAuthConfig<TodoistProfile> {
  return oauth2Provider<TodoistProfile>(
    {
      id: 'todoist',
      name: 'Todoist',
      authorization: 'https://todoist.com/oauth/authorize',
      scope: 'data:read',
      token: 'https://todoist.com/oauth/access_token',
      userinfo: { url: SYNC, request: todoistUser },
      client: { token_endpoint_auth_method: 'client_secret_post' },
      profile: (p) => ({ id: String(p.id), name: p.full_name, email: str(p.email), image: str(p.avatar_big), emailVerified: null }),
    },
    options,
  )
}

export { Todoist }
