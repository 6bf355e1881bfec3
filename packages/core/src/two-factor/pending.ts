import type { RequestContext } from '../context.js'
import type { Cookie } from '../http/cookies.js'
import type { Account, Profile, User } from '../types.js'
import { decode, encode } from '../tokens/jwt.js'
import { clearChunked, readChunked, writeChunked } from '../http/chunks.js'
import { timingSafeEqual, toHex } from '../tokens/compare.js'
import { ensureCsrf } from '../actions/csrf.js'

/**
 * The state between the first and the second factor: an encrypted cookie (JWE under its own key, the cookie name
 * being the HKDF salt), never a session. It names the user and what completing the sign-in needs, expires after
 * `twoFactor.pendingMaxAge`, and is bound to this browser's CSRF cookie: pasted into another browser it is refused.
 */
export interface PendingState {
  /** The adapter user id. */
  uid: string
  user: User
  account: Account | null
  profile?: Profile
  isNewUser: boolean
  /** The first factor's provider id (refresh-token fields of the JWT need it). */
  provider?: string
  /** Where the sign-in goes once complete (already through the redirect callback). */
  url: string
  /** SHA-256 of this browser's CSRF token. */
  bind: string
  /** The user must enroll (twoFactor.required) before the session is issued. */
  enroll?: boolean
}

export function pendingName(ctx: RequestContext): string {
  return `${ctx.secure ? '__Secure-' : ''}authjs.two-factor`
}

function options(ctx: RequestContext, maxAge: number): Cookie['options'] {
  const { expires: _expires, maxAge: _maxAge, ...base } = ctx.cookies.sessionToken.options
  return { ...base, maxAge }
}

async function binding(csrfToken: string): Promise<string> {
  const digest = await crypto.subtle.digest('SHA-256', new TextEncoder().encode(`latch-two-factor:${csrfToken}`))
  return toHex(new Uint8Array(digest))
}

/** The cookies that start a pending sign-in (and the CSRF cookie it is bound to, when this browser had none). */
export async function writePending(ctx: RequestContext, state: Omit<PendingState, 'bind'>, maxAge: number): Promise<Cookie[]> {
  const csrf = await ensureCsrf(ctx)
  const name = pendingName(ctx)
  const value = await encode({ token: { ...state, bind: await binding(csrf.token) } as unknown as Record<string, unknown>, salt: name, secret: ctx.options.secret, maxAge, now: ctx.options.now() })
  return [...writeChunked(ctx.jar, name, value, options(ctx, maxAge)), ...(csrf.cookie ? [csrf.cookie] : [])]
}

/** This browser's pending sign-in, or null (absent, expired, tampered, or bound to another browser's CSRF cookie). */
export async function readPending(ctx: RequestContext): Promise<PendingState | null> {
  const name = pendingName(ctx)
  const raw = readChunked(ctx.jar, name)
  if (!raw) return null
  const s = await decode<PendingState & { exp?: number }>({ token: raw, salt: name, secret: ctx.options.secret, now: ctx.options.now() }).catch(() => null)
  if (!s || typeof s.uid !== 'string' || typeof s.bind !== 'string' || typeof s.url !== 'string' || !s.user) return null
  if (typeof s.exp !== 'number' || s.exp <= ctx.options.now()) return null
  const csrf = await ensureCsrf(ctx)
  if (!timingSafeEqual(s.bind, await binding(csrf.token))) return null
  const ev = s.user.emailVerified as unknown
  return { ...s, user: { ...s.user, emailVerified: typeof ev === 'string' ? new Date(ev) : ((ev as Date | null | undefined) ?? null) } }
}

export function clearPending(ctx: RequestContext): Cookie[] {
  return clearChunked(ctx.jar, pendingName(ctx), options(ctx, 0))
}
