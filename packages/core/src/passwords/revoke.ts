import type { RequestContext } from '../context.js'
import type { Cookie } from '../http/cookies.js'
import type { SignedIn } from '../session/signed-in.js'
import { adapterCall, createDbSession } from '../session/database-session.js'
import { writeJwtSession } from '../session/jwt-session.js'
import { rememberVersion } from '../session/version-cache.js'
import { SESSION_VERSION_CLAIM } from '../session/version.js'
import { authTimeCookie } from '../session/signed-in.js'

/**
 * After a password change or reset: end every session of the user except `keep` (the session of the request that
 * changed it, if any). JWTs end through the session version (bumped, so every token issued before is no session;
 * this instance sees it at once, others within `session.versionCacheMaxAge`); database rows are deleted. The kept
 * session is re-issued under the new version (JWT) or as a new row (database, when the adapter can only delete all).
 * Returns the cookies that re-issue it.
 */
export async function revokeOtherSessions(ctx: RequestContext, userId: string, keep?: SignedIn): Promise<Cookie[]> {
  const adapter = ctx.options.adapter!
  const cookies: Cookie[] = []
  let version: number | undefined
  if (adapter.bumpSessionVersion) {
    version = Number(await adapterCall('bumpSessionVersion', () => adapter.bumpSessionVersion!(userId)))
    rememberVersion(adapter, userId, version, ctx.options.now())
  } else if (ctx.options.session.strategy === 'jwt') {
    ctx.options.logger.warn('SessionsNotRevoked', 'The adapter keeps no session versions (bumpSessionVersion): JWT sessions of other devices stay valid after a password change')
  }
  const current = keep?.strategy === 'database' ? keep.sessionToken : undefined
  if (current && adapter.listSessions && adapter.deleteSession) {
    for (const s of await adapterCall('listSessions', () => adapter.listSessions!(userId))) {
      if (s.sessionToken !== current) await adapterCall('deleteSession', () => adapter.deleteSession!(s.sessionToken))
    }
  } else if (adapter.deleteSessionsByUser) {
    await adapterCall('deleteSessionsByUser', () => adapter.deleteSessionsByUser!(userId))
    if (current) {
      const { cookie, session } = await createDbSession(ctx, userId)
      cookies.push(cookie, await authTimeCookie(ctx, session.sessionToken ?? cookie.value, new Date(session.expires)))
    }
  } else if (adapter.listSessions && adapter.deleteSession) {
    for (const s of await adapterCall('listSessions', () => adapter.listSessions!(userId))) await adapterCall('deleteSession', () => adapter.deleteSession!(s.sessionToken))
  }
  if (keep?.strategy === 'jwt' && keep.token && version !== undefined) {
    cookies.push(...(await writeJwtSession(ctx, { ...keep.token, [SESSION_VERSION_CLAIM]: version })))
  }
  return cookies
}
