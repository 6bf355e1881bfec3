import type { RequestContext } from '../context.js'
import type { Cookie } from '../http/cookies.js'
import type { AdapterUser } from '../adapters/types.js'
import { decode, encode } from '../tokens/jwt.js'
import { timingSafeEqual, toHex } from '../tokens/compare.js'
import { dbSessionToken, readDbSession, type FoundDbSession } from './database-session.js'

/**
 * Opt-in cookie cache for database sessions (`session.cookieCache`). After a database read, the session and user
 * are written to an encrypted cookie (JWE, the session cookie's format, salted with this cookie's name) that
 * expires `maxAge` seconds later and is bound to the session token by its SHA-256. A check that finds a valid,
 * unexpired, bound cache cookie is answered without the adapter. Staleness bound: a session revoked in the
 * database (or a user changed there) is still seen as it was for at most `maxAge` seconds.
 */

/** The largest cache cookie written (a browser keeps about 4096 bytes per cookie, name and attributes included). */
export const MAX_CACHE_COOKIE_BYTES = 3800

interface CachePayload {
  /** SHA-256 (hex) of the session token this cache belongs to. */
  sid: string
  /** The session's expiry, ms since epoch. */
  sx: number
  user: AdapterUser
  exp?: number
}

async function bindingOf(sessionToken: string): Promise<string> {
  const digest = await crypto.subtle.digest('SHA-256', new TextEncoder().encode(`latch-session-data:${sessionToken}`))
  return toHex(new Uint8Array(digest))
}

function isPayload(p: unknown): p is CachePayload {
  if (!p || typeof p !== 'object') return false
  const c = p as Record<string, unknown>
  const user = c.user as Record<string, unknown> | null
  return typeof c.sid === 'string' && typeof c.sx === 'number' && typeof c.exp === 'number' && !!user && typeof user === 'object' && typeof user.id === 'string'
}

/** The session this request's cache cookie answers for, or null (absent, invalid, expired, unbound, due an update). */
async function readCache(ctx: RequestContext, sessionToken: string, maxAge: number): Promise<FoundDbSession | null> {
  const { options } = ctx
  const name = ctx.cookies.sessionData.name
  const raw = ctx.jar.get(name)
  if (!raw) return null
  const now = options.now()
  const payload = await decode<CachePayload>({ token: raw, salt: name, secret: options.secret, now }).catch(() => null)
  // decode() allows 15 s of clock skew; the cache allows none, and never more than maxAge from now.
  if (!isPayload(payload) || !(payload.exp! > now) || payload.exp! > now + maxAge) return null
  if (!timingSafeEqual(payload.sid, await bindingOf(sessionToken))) return null
  const { maxAge: sessionMaxAge, updateAge } = options.session
  const nowMs = now * 1000
  // An expired session, or one due its updateAge extension, goes to the database (which extends or deletes it).
  if (!(payload.sx > nowMs) || payload.sx - sessionMaxAge * 1000 + updateAge * 1000 <= nowMs) return null
  const user = { ...payload.user }
  if (typeof user.emailVerified === 'string') user.emailVerified = new Date(user.emailVerified)
  return { session: { sessionToken, userId: user.id, expires: new Date(payload.sx) }, user, cookies: [] }
}

/** The cache cookie for a session just read from the database; none when it would be too large for a browser. */
async function writeCache(ctx: RequestContext, sessionToken: string, found: FoundDbSession, maxAge: number): Promise<Cookie[]> {
  const { options } = ctx
  const { name, options: cookieOptions } = ctx.cookies.sessionData
  const claims = { sid: await bindingOf(sessionToken), sx: new Date(found.session.expires).getTime(), user: found.user }
  let value: string
  try {
    value = await encode({ token: claims, salt: name, secret: options.secret, maxAge, now: options.now() })
  } catch (e) {
    options.logger.debug('session.cookieCache: the user is not serializable; not caching', { name: (e as Error)?.name })
    return clearCookieCache(ctx)
  }
  if (name.length + value.length + 200 > MAX_CACHE_COOKIE_BYTES) {
    options.logger.debug('session.cookieCache: the session is too large for a cookie; not caching')
    return clearCookieCache(ctx)
  }
  const { expires: _expires, ...rest } = cookieOptions
  return [{ name, value, options: { ...rest, maxAge } }]
}

/** Cookies that remove the cache cookie, when the request carries one (nothing otherwise). */
export function clearCookieCache(ctx: RequestContext): Cookie[] {
  const { name, options } = ctx.cookies.sessionData
  if (!ctx.jar.has(name)) return []
  const { expires: _expires, ...rest } = options
  return [{ name, value: '', options: { ...rest, maxAge: 0 } }]
}

/**
 * readDbSession behind the cookie cache: a warm check makes no adapter call; otherwise the database is read
 * (one query) and the cache cookie (re)issued. `fresh` (session updates) always reads the database.
 */
export async function readDbSessionCached(ctx: RequestContext, fresh = false): Promise<FoundDbSession | null> {
  const maxAge = ctx.options.session.cookieCache?.maxAge
  if (!maxAge) return readDbSession(ctx)
  const sessionToken = dbSessionToken(ctx)
  if (!sessionToken) return readDbSession(ctx)
  if (!fresh) {
    const cached = await readCache(ctx, sessionToken, maxAge)
    if (cached) return cached
  }
  const found = await readDbSession(ctx)
  if (!found) return null
  return { ...found, cookies: [...found.cookies, ...(await writeCache(ctx, sessionToken, found, maxAge))] }
}
