import '../session-path.js' // one edge chunk for the session path (session-path.ts)
import type { RequestContext, ResponseInternal } from '../context.js'
import { redirectTo, resolveCallbackUrl } from '../http/redirect.js'
import { clearSession, readJwtSession } from '../session/jwt-session.js'
import { dbSessionToken, deleteDbSession } from '../session/database-session.js'
import { clearCookieCache } from '../session/cookie-cache.js'
import { clearAuthTimeCookie } from '../session/signed-in.js'
import { emit } from './events.js'

/** POST /signout (CSRF checked by the dispatcher): end the session and redirect. */
export async function signoutAction(ctx: RequestContext): Promise<ResponseInternal> {
  const { options } = ctx
  if (options.session.strategy === 'jwt') {
    const found = await readJwtSession(ctx)
    if (found) await emit(ctx, 'signOut', { token: found.token })
  } else {
    const sessionToken = dbSessionToken(ctx)
    if (sessionToken) await emit(ctx, 'signOut', { session: await deleteDbSession(ctx, sessionToken) })
  }
  const { url } = await resolveCallbackUrl(ctx)
  return redirectTo(ctx, url, [...clearSession(ctx), ...clearCookieCache(ctx), ...clearAuthTimeCookie(ctx)])
}
