import type { RequestContext } from '../context.js'
import type { Cookie } from '../http/cookies.js'
import type { JWT } from '../tokens/jwt-types.js'
import type { AdapterUser } from '../adapters/types.js'
import { decode, encode } from '../tokens/jwt.js'
import { timingSafeEqual, toHex } from '../tokens/compare.js'
import { SessionNotFresh, SessionRequired } from '../errors.js'
import { readJwtSession } from './jwt-session.js'
import { readDbSession } from './database-session.js'
import { sessionVersionValid } from './version.js'
import { AUTH_TIME_CLAIM } from './claims.js'

/**
 * Who is signed in on this request, for the actions that act on the signed-in user's own account (account
 * management, passwords, passkeys, two-factor). Not the session check: that is actions/session.ts, which stays
 * lean. This always reads the store (no cookie cache, no version cache), because what follows changes the account.
 *
 * "Recent sign-in": each session records when its sign-in happened, the JWT in its `auth_time` claim and a
 * database session in the `authjs.auth-time` cookie (encrypted, bound to the session token). Sensitive actions
 * call requireRecentSignIn(), which refuses a session older than `session.freshAge` (SessionNotFresh); the user
 * signs in again, which starts a new session with a new time. A session without a time is never recent.
 */
export { AUTH_TIME_CLAIM }

export interface SignedIn {
  /** The adapter's user id (JWT strategy: the token's `sub`). */
  userId: string
  /** Seconds since epoch of the sign-in that began this session; undefined when unknown. */
  authTime?: number
  strategy: 'jwt' | 'database'
  /** JWT strategy: the decoded session token. */
  token?: JWT
  /** Database strategy: the session's opaque token, and the user row read with it. */
  sessionToken?: string
  user?: AdapterUser
}

/** This request's signed-in user, or null. A store outage throws StoreUnavailable (never "signed out"). */
export async function signedIn(ctx: RequestContext): Promise<SignedIn | null> {
  if (ctx.options.session.strategy === 'jwt') {
    const found = await readJwtSession(ctx)
    const token = found?.token
    if (!token || typeof token.sub !== 'string' || !token.sub) return null
    if (typeof token.exp === 'number' && token.exp <= ctx.options.now()) return null
    const versionCache = { ...ctx.options, session: { ...ctx.options.session, versionCacheMaxAge: 0 } }
    if (ctx.options.adapter && !(await sessionVersionValid({ ...ctx, options: versionCache }, token))) return null
    const at = token[AUTH_TIME_CLAIM]
    return { userId: token.sub, authTime: typeof at === 'number' ? at : undefined, strategy: 'jwt', token }
  }
  const found = await readDbSession(ctx)
  if (!found) return null
  const { sessionToken } = found.session
  return { userId: found.user.id, authTime: await readAuthTimeCookie(ctx, sessionToken), strategy: 'database', sessionToken, user: found.user }
}

/** The signed-in user, or SessionRequired (401 for JSON clients, the sign-in page for browsers). */
export async function requireSignedIn(ctx: RequestContext): Promise<SignedIn> {
  const who = await signedIn(ctx)
  if (!who) throw new SessionRequired()
  return who
}

/** The signed-in user whose sign-in is at most `maxAge` (default `session.freshAge`) seconds old, else SessionNotFresh. */
export async function requireRecentSignIn(ctx: RequestContext, maxAge = ctx.options.session.freshAge): Promise<SignedIn> {
  const who = await requireSignedIn(ctx)
  if (!isRecent(ctx, who, maxAge)) throw new SessionNotFresh()
  return who
}

export function isRecent(ctx: RequestContext, who: SignedIn, maxAge = ctx.options.session.freshAge): boolean {
  const now = ctx.options.now()
  return who.authTime !== undefined && who.authTime <= now + 15 && now - who.authTime <= maxAge
}

/** The claim a JWT minted at sign-in carries. */
export function authTimeClaim(ctx: RequestContext): Record<string, number> {
  return { [AUTH_TIME_CLAIM]: ctx.options.now() }
}

/** A re-issued JWT keeps the sign-in time of the token it replaces, whatever the jwt callback returned. */
export function keepAuthTime(original: JWT, token: JWT): JWT {
  const at = original[AUTH_TIME_CLAIM]
  return typeof at === 'number' ? { ...token, [AUTH_TIME_CLAIM]: at } : token
}

async function bindingOf(sessionToken: string): Promise<string> {
  const digest = await crypto.subtle.digest('SHA-256', new TextEncoder().encode(`latch-auth-time:${sessionToken}`))
  return toHex(new Uint8Array(digest))
}

/** The cookie recording a database session's sign-in time (set with the session cookie, at sign-in). */
export async function authTimeCookie(ctx: RequestContext, sessionToken: string, expires: Date): Promise<Cookie> {
  const { name, options } = ctx.cookies.authTime
  const now = ctx.options.now()
  const maxAge = Math.max(1, Math.ceil(expires.getTime() / 1000) - now)
  const value = await encode({ token: { sid: await bindingOf(sessionToken), at: now }, salt: name, secret: ctx.options.secret, maxAge, now })
  return { name, value, options: { ...options, expires } }
}

/** Cookies removing the auth-time cookie, when the request carries one. */
export function clearAuthTimeCookie(ctx: RequestContext): Cookie[] {
  const { name, options } = ctx.cookies.authTime
  if (!ctx.jar.has(name)) return []
  const { expires: _expires, ...rest } = options
  return [{ name, value: '', options: { ...rest, maxAge: 0 } }]
}

async function readAuthTimeCookie(ctx: RequestContext, sessionToken: string): Promise<number | undefined> {
  const name = ctx.cookies.authTime.name
  const raw = ctx.jar.get(name)
  if (!raw) return undefined
  const payload = await decode<{ sid?: unknown; at?: unknown }>({ token: raw, salt: name, secret: ctx.options.secret, now: ctx.options.now() }).catch(() => null)
  if (!payload || typeof payload.sid !== 'string' || typeof payload.at !== 'number') return undefined
  return timingSafeEqual(payload.sid, await bindingOf(sessionToken)) ? payload.at : undefined
}
