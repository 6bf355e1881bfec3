import type { RequestContext } from '../context.js'
import type { Cookie } from '../http/cookies.js'
import type { AdapterSession, AdapterUser } from '../adapters/types.js'
import { AdapterError } from '../errors.js'
import { storeError } from '../store/outage.js'
import { isMintableToken, isSessionTokenShape } from './token-shape.js'

export interface FoundDbSession {
  session: AdapterSession
  user: AdapterUser
  /** Cookie re-setting the token with the new expiry, when `updateAge` has passed. */
  cookies: Cookie[]
}


/**
 * Run an adapter call, turning any throw into an error that names the method (the cause is kept): StoreUnavailable
 * (503, retry) when the store is down or timed out, else AdapterError.
 */
export async function adapterCall<T>(name: string, run: () => T | PromiseLike<T>): Promise<T> {
  try {
    return await run()
  } catch (e) {
    throw storeError(`adapter.${name} failed`, e)
  }
}

/**
 * The opaque session token of this request's cookie, when it has the shape of one this app mints (see
 * token-shape.ts). Every adapter call with a token from a cookie (read, extend, delete, sign-out) goes through
 * here, so a client-chosen value never reaches the database.
 */
export function dbSessionToken(ctx: RequestContext): string | undefined {
  const token = ctx.jar.get(ctx.cookies.sessionToken.name)
  return isSessionTokenShape(token, Boolean(ctx.options.config.session?.generateSessionToken)) ? token : undefined
}

/**
 * Look up the database session of this request. An expired row is deleted and counts as no session.
 * Once `updateAge` seconds have passed since the last extension, the row and the cookie are extended to a
 * full `maxAge` again (at most one write per `updateAge`, however often the session is read).
 */
export async function readDbSession(ctx: RequestContext): Promise<FoundDbSession | null> {
  const { adapter, session: opts, now } = ctx.options
  const sessionToken = dbSessionToken(ctx)
  if (!sessionToken || !adapter?.getSessionAndUser) return null
  const found = await adapterCall('getSessionAndUser', () => adapter.getSessionAndUser!(sessionToken))
  if (!found) return null
  const { session, user } = found
  const nowMs = now() * 1000
  const expiresMs = new Date(session.expires).getTime()
  if (!(expiresMs > nowMs)) {
    await adapterCall('deleteSession', () => adapter.deleteSession?.(sessionToken))
    return null
  }
  const cookies: Cookie[] = []
  const refreshAt = expiresMs - opts.maxAge * 1000 + opts.updateAge * 1000
  if (refreshAt <= nowMs) {
    const expires = new Date(nowMs + opts.maxAge * 1000)
    await adapterCall('updateSession', () => adapter.updateSession?.({ sessionToken, expires }))
    cookies.push(sessionCookie(ctx, sessionToken, expires))
    return { session: { ...session, expires }, user, cookies }
  }
  return { session: { ...session, expires: new Date(expiresMs) }, user, cookies }
}

/** Create a session row for `userId` and the cookie that carries its opaque token. */
export async function createDbSession(ctx: RequestContext, userId: string): Promise<{ cookie: Cookie; session: AdapterSession }> {
  const { adapter, session: opts, now } = ctx.options
  if (!adapter?.createSession) throw new AdapterError('The database session strategy needs adapter.createSession')
  const sessionToken = opts.generateSessionToken()
  if (!isMintableToken(sessionToken)) {
    throw new AdapterError('session.generateSessionToken must return 16 to 512 characters of A-Z a-z 0-9 . _ ~ + / = -')
  }
  const expires = new Date((now() + opts.maxAge) * 1000)
  const session = await adapterCall('createSession', () => adapter.createSession!({ sessionToken, userId, expires }))
  return { session, cookie: sessionCookie(ctx, sessionToken, expires) }
}

/** Delete one session row; returns what the adapter returned (Auth.js adapters may return nothing). */
export async function deleteDbSession(ctx: RequestContext, sessionToken: string): Promise<AdapterSession | null | undefined | void> {
  const adapter = ctx.options.adapter
  if (!adapter?.deleteSession) return undefined
  return adapterCall('deleteSession', () => adapter.deleteSession!(sessionToken))
}

export function sessionCookie(ctx: RequestContext, token: string, expires: Date): Cookie {
  return { name: ctx.cookies.sessionToken.name, value: token, options: { ...ctx.cookies.sessionToken.options, expires } }
}
