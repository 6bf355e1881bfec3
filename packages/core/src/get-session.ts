import type { AuthConfig, Session } from './types.js'
import { Auth } from './auth.js'
import { resolveConfig } from './config/resolve.js'
import { normalizeBasePath } from './http/paths.js'

/** Where a config serves its routes (`basePath`, else AUTH_URL's path, else `/auth`; `` for the root). */
export function authBasePath(config: AuthConfig): string {
  try {
    return resolveConfig(config).basePath
  } catch {
    // A broken config still gets a request: Auth() logs the problem and answers 500, read below as no session.
    return normalizeBasePath(config.basePath ?? '/auth')
  }
}

export interface SessionCheck {
  session: Session | null
  /**
   * `Set-Cookie` header values to send with the app's response: the re-issued session cookie (sliding expiry,
   * once per `updateAge`), or the clearing of an invalid one. Without them an active user who never calls
   * `/session` would be signed out when the cookie's original lifetime ends.
   */
  setCookies: string[]
  /**
   * Set when the session store did not answer (`/session` was a 503 StoreUnavailable): `session` is null, but the
   * user may well be signed in. A guard should answer 503 with this `Retry-After` (or send browsers to the error
   * page), not 401 or the sign-in page, which would tell clients they are signed out.
   */
  unavailable?: { retryAfter: string }
}

/**
 * The session of a request and the cookies that keep it alive. Fails closed: anything but a 200 JSON
 * object is "no session", so a misconfigured provider or a broken callback is never a signed-in user.
 */
export async function checkSession(request: Request, config: AuthConfig): Promise<SessionCheck> {
  const basePath = authBasePath(config)
  const url = new URL(`${basePath}/session`, request.url)
  const headers = new Headers()
  for (const name of ['cookie', 'x-forwarded-host', 'x-forwarded-proto', 'user-agent']) {
    const v = request.headers.get(name)
    if (v !== null) headers.set(name, v)
  }
  const res = await Auth(new Request(url, { headers }), config)
  if (res.status === 503) {
    await res.body?.cancel()
    return { session: null, setCookies: [], unavailable: { retryAfter: res.headers.get('retry-after') ?? '5' } }
  }
  const session = await sessionFromResponse(res)
  return { session, setCookies: res.status === 200 ? res.headers.getSetCookie() : [] }
}

/** The session for a request, or null (fails closed). Use `checkSession` to also keep the cookie alive. */
export async function getSession(request: Request, config: AuthConfig): Promise<Session | null> {
  return (await checkSession(request, config)).session
}

/** Parse a /session response, failing closed. */
export async function sessionFromResponse(res: Response): Promise<Session | null> {
  if (res.status !== 200 || !(res.headers.get('content-type') ?? '').includes('application/json')) return null
  let data: unknown
  try {
    data = await res.json()
  } catch {
    return null
  }
  return asSession(data)
}

/** A /session body as a Session, or null unless it is an object with `expires` and no `error` (fails closed). */
export function asSession(data: unknown): Session | null {
  if (!data || typeof data !== 'object' || Array.isArray(data) || 'error' in data || !('expires' in data)) return null
  return data as Session
}
