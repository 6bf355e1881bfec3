import type { RequestContext } from '../context.js'
import type { Cookie } from '../http/cookies.js'
import type { SignedIn } from '../session/signed-in.js'
import { CHECK_MAX_AGE } from '../http/cookie-names.js'
import { decode, encode } from '../tokens/jwt.js'
import { toHex } from '../tokens/compare.js'

/**
 * "Link this provider to the account I am signed in to": an intent sealed into a short-lived cookie when the
 * round trip starts (POST account/link/<provider>), read at the provider's callback. It names the user and the
 * session that asked (database: a hash of the session token; JWT: the user and the session's sign-in time), so
 * the callback links only into that same session: a link started by user A never completes into user B's session
 * (another session in the same browser, a swapped cookie), and a callback without the intent is a plain sign-in.
 * Kept small and import-free of the rest of account/ because callback.ts checks for it on every OAuth callback.
 */
export interface LinkIntent {
  /** The user id the account is linked to. */
  uid: string
  /** The provider the round trip is for. */
  p: string
  /** The session binding (see bindingOf). */
  sid: string
  /** Where the browser goes afterwards. */
  to: string
}

export function linkCookieName(ctx: RequestContext): string {
  return `${ctx.secure ? '__Secure-' : ''}authjs.account-link`
}

function cookieOptions(ctx: RequestContext): Cookie['options'] {
  return { httpOnly: true, sameSite: 'lax', path: '/', secure: ctx.secure }
}

/** Whether this request carries a link intent (cheap: a cookie name). */
export function hasLinkIntent(ctx: RequestContext): boolean {
  return ctx.jar.has(linkCookieName(ctx))
}

export async function bindingOf(who: SignedIn): Promise<string> {
  const raw = who.strategy === 'database' ? `db:${who.sessionToken}` : `jwt:${who.userId}:${who.authTime ?? ''}`
  const digest = await crypto.subtle.digest('SHA-256', new TextEncoder().encode(`latch-account-link:${raw}`))
  return toHex(new Uint8Array(digest))
}

export async function linkIntentCookie(ctx: RequestContext, intent: LinkIntent): Promise<Cookie> {
  const name = linkCookieName(ctx)
  const now = ctx.options.now()
  const value = await encode({ token: { ...intent }, salt: name, secret: ctx.options.secret, maxAge: CHECK_MAX_AGE, now })
  return { name, value, options: { ...cookieOptions(ctx), maxAge: CHECK_MAX_AGE } }
}

/** The intent of this request, or null when absent, expired or not sealed by this app. */
export async function readLinkIntent(ctx: RequestContext): Promise<LinkIntent | null> {
  const name = linkCookieName(ctx)
  const raw = ctx.jar.get(name)
  if (!raw) return null
  const p = await decode<Partial<LinkIntent>>({ token: raw, salt: name, secret: ctx.options.secret, now: ctx.options.now() }).catch(() => null)
  if (!p || typeof p.uid !== 'string' || typeof p.p !== 'string' || typeof p.sid !== 'string' || typeof p.to !== 'string') return null
  return { uid: p.uid, p: p.p, sid: p.sid, to: p.to }
}

/** The cookie removing the intent (single use: cleared whatever the outcome). */
export function clearLinkIntent(ctx: RequestContext): Cookie[] {
  if (!hasLinkIntent(ctx)) return []
  return [{ name: linkCookieName(ctx), value: '', options: { ...cookieOptions(ctx), maxAge: 0 } }]
}
