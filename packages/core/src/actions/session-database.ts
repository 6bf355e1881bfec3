import '../session-path.js' // one edge chunk for the session path (session-path.ts)
import type { RequestContext, ResponseInternal } from '../context.js'
import type { JWT } from '../tokens/jwt-types.js'
import type { Session } from '../types.js'
import { clearSession, hasSessionCookie } from '../session/jwt-session.js'
import { clearCookieCache, readDbSessionCached } from '../session/cookie-cache.js'
import { emit } from './events.js'
import { twoFactorEnabledOf } from '../two-factor/enabled.js'
import { json, NO_STORE } from '../http/response.js'
import { SessionTokenError, StoreUnavailable } from '../errors.js'

function respond(body: unknown, cookies: ResponseInternal['cookies'] = []): ResponseInternal {
  return json(body, 200, { headers: NO_STORE, cookies })
}

/** GET and POST /session for database sessions (loaded by session.ts on the first such request). */
export async function databaseSession(ctx: RequestContext): Promise<ResponseInternal> {
  const { options } = ctx
  const isUpdate = ctx.method === 'POST'
  let found
  try {
    // With session.cookieCache a warm check is answered from the cache cookie; an update always reads the database.
    found = await readDbSessionCached(ctx, isUpdate)
  } catch (e) {
    if (e instanceof StoreUnavailable) throw e
    throw new SessionTokenError('Reading the database session failed', { cause: e })
  }
  if (!found) return respond(null, [...(hasSessionCookie(ctx) ? clearSession(ctx) : []), ...clearCookieCache(ctx)])
  const { session, user, cookies } = found
  // With config.twoFactor: from the adapter's session user, or one getTwoFactor call (two-factor/enabled.ts).
  const twoFactor = options.config.twoFactor ? { twoFactorEnabled: await twoFactorEnabledOf(ctx, user) } : {}
  try {
    const result = await options.callbacks.session({
      session: {
        user: {
          name: user.name,
          email: user.email,
          image: user.image,
          ...twoFactor,
        },
        expires: new Date(session.expires).toISOString(),
      },
      user,
      token: undefined as unknown as JWT,
      ...(isUpdate ? { trigger: 'update' as const, newSession: ctx.body?.data } : {}),
    })
    await emit(ctx, 'session', { session: result as Session, token: undefined as unknown as JWT })
    return respond(result, cookies)
  } catch (e) {
    if (e instanceof StoreUnavailable) throw e
    throw new SessionTokenError('The session callback failed', { cause: e })
  }
}
