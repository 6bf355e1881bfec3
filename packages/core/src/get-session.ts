import type { AuthConfig, Session } from './types.js'
import type { ResponseInternal } from './context.js'
import { authResult } from './auth.js'
import { resolveConfig } from './config/resolve.js'
import { normalizeBasePath } from './http/paths.js'
import { serializeCookie } from './http/cookies.js'
import { NOT_PLAIN, plainJsonCopy } from './session/json-copy.js'

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
  const parsedUrl = sessionUrl(request.url, basePath)
  const url = parsedUrl.href
  // GET <basePath>/session with only the FORWARDED_HEADERS, each read from the request when an action asks for it
  // (a Request's header lookup is not free; the JWT check reads the cookie and, with trustHost, the forwarded
  // pair). The Request object itself is built only if an action reads it (the JWT session check does not):
  // constructing one costs more than the rest of this function.
  const source = request.headers
  const read: Record<string, string | null> = {}
  const get = (name: string): string | null => {
    const key = name.toLowerCase()
    if (!FORWARDED_HEADERS.includes(key)) return null
    return key in read ? read[key]! : (read[key] = source.get(key))
  }
  let built: Request | undefined
  const request_ = () => {
    if (built) return built
    const headers: Record<string, string> = {}
    for (const name of FORWARDED_HEADERS) {
      const v = get(name)
      if (v !== null) headers[name] = v
    }
    return (built = new Request(url, { headers }))
  }
  const result = await authResult({ url, parsedUrl, method: 'GET', headers: { get }, request: request_ }, config)
  if (result instanceof Response) {
    if (result.status === 503) {
      await result.body?.cancel()
      return { session: null, setCookies: [], unavailable: { retryAfter: result.headers.get('retry-after') ?? '5' } }
    }
    const session = await sessionFromResponse(result)
    return { session, setCookies: result.status === 200 ? result.headers.getSetCookie() : [] }
  }
  // What Auth() would have answered, read without building and parsing a Response: the same rules as
  // sessionFromResponse (a 200 JSON object with `expires`, the body as JSON would carry it).
  const status = result.redirect ? 302 : (result.status ?? 200)
  if (status === 503) return { session: null, setCookies: [], unavailable: { retryAfter: header(result, 'retry-after') ?? '5' } }
  const setCookies = status === 200 ? (result.cookies ?? []).map(serializeCookie) : []
  return { session: status === 200 && isJson(result) ? asJsonSession(result.body) : null, setCookies }
}

/**
 * `<basePath>/session` on the request's origin. A serialized http(s) URL's path starts at the first `/` after
 * `//`, so one parse of the concatenation equals resolving the path against the request URL (two parses).
 */
function sessionUrl(requestUrl: string, basePath: string): URL {
  const start = requestUrl.startsWith('https://') ? 8 : requestUrl.startsWith('http://') ? 7 : -1
  const end = start < 0 ? -1 : requestUrl.indexOf('/', start)
  return end < 0 ? new URL(`${basePath}/session`, requestUrl) : new URL(`${requestUrl.slice(0, end)}${basePath}/session`)
}

/** The request headers a session check may depend on (the cookie, the public origin, the client). */
const FORWARDED_HEADERS = ['cookie', 'x-forwarded-host', 'x-forwarded-proto', 'user-agent']

/** A header of an action's result, by case-insensitive name. */
function header(result: ResponseInternal, name: string): string | undefined {
  for (const key in result.headers) if (key.toLowerCase() === name) return result.headers[key]
  return undefined
}

function isJson(result: ResponseInternal): boolean {
  const type = header(result, 'content-type')
  return type !== undefined ? type.includes('application/json') : result.body !== undefined && typeof result.body !== 'string'
}

/** The body as JSON would deliver it (dates as strings, undefined dropped), then asSession; null if it is not JSON. */
function asJsonSession(body: unknown): Session | null {
  try {
    if (typeof body === 'string') return asSession(JSON.parse(body))
    const copy = plainJsonCopy(body)
    return asSession(copy !== NOT_PLAIN ? copy : JSON.parse(JSON.stringify(body ?? null)))
  } catch {
    return null
  }
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
