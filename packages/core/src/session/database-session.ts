import type { RequestContext } from '../context.js'
import type { Cookie } from '../http/cookies.js'
import type { AdapterSession, AdapterUser } from '../adapters/types.js'
import { AdapterError } from '../errors.js'

export interface FoundDbSession {
  session: AdapterSession
  user: AdapterUser
  /** Cookie re-setting the token with the new expiry, when `updateAge` has passed. */
  cookies: Cookie[]
}

/** Look up the database session of this request, deleting it when expired and extending it after `updateAge`. */
export async function readDbSession(ctx: RequestContext): Promise<FoundDbSession | null> {
  const { adapter, session: opts, now } = ctx.options
  const sessionToken = ctx.jar.get(ctx.cookies.sessionToken.name)
  if (!sessionToken || sessionToken.length > 512 || !adapter?.getSessionAndUser) return null
  let found: Awaited<ReturnType<NonNullable<typeof adapter.getSessionAndUser>>>
  try {
    found = await adapter.getSessionAndUser(sessionToken)
  } catch (e) {
    throw new AdapterError('adapter.getSessionAndUser failed', { cause: e })
  }
  if (!found) return null
  const { session, user } = found
  const nowMs = now() * 1000
  if (new Date(session.expires).getTime() <= nowMs) {
    await adapter.deleteSession?.(sessionToken)
    return null
  }
  const cookies: Cookie[] = []
  const refreshAt = new Date(session.expires).getTime() - opts.maxAge * 1000 + opts.updateAge * 1000
  if (refreshAt <= nowMs) {
    const expires = new Date(nowMs + opts.maxAge * 1000)
    await adapter.updateSession?.({ sessionToken, expires })
    session.expires = expires
    cookies.push(sessionCookie(ctx, sessionToken, expires))
  }
  return { session, user, cookies }
}

/** Create a session row for `userId` and the cookie that carries its opaque token. */
export async function createDbSession(ctx: RequestContext, userId: string): Promise<{ cookie: Cookie; session: AdapterSession }> {
  const { adapter, session: opts, now } = ctx.options
  if (!adapter?.createSession) throw new AdapterError('The database session strategy needs adapter.createSession')
  const sessionToken = opts.generateSessionToken()
  const expires = new Date((now() + opts.maxAge) * 1000)
  const session = await adapter.createSession({ sessionToken, userId, expires })
  return { session, cookie: sessionCookie(ctx, sessionToken, expires) }
}

export function sessionCookie(ctx: RequestContext, token: string, expires: Date): Cookie {
  return { name: ctx.cookies.sessionToken.name, value: token, options: { ...ctx.cookies.sessionToken.options, expires } }
}
