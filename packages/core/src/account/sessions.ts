import type { RequestContext, ResponseInternal } from '../context.js'
import { InvalidRequest } from '../errors.js'
import { str } from '../http/body.js'
import { json } from '../http/response.js'
import { listSessions, revokeSession, revokeSessions, signOutEverywhere, type SessionInfo } from '../session/manage.js'
import { readJwtSession, writeJwtSession } from '../session/jwt-session.js'
import { SESSION_VERSION_CLAIM } from '../session/version.js'
import { done } from './respond.js'
import { accountUser } from './user.js'

/**
 * The signed-in user's sessions through Auth() (session/manage.ts does the work; its functions stay the server
 * API). Database sessions are listed and revoked one by one; JWT sessions cannot be listed (they live in the
 * browsers), so "sign out other devices" bumps the session version and re-issues this browser's token under it.
 */
export async function sessionList(ctx: RequestContext): Promise<SessionInfo[]> {
  const { user } = await accountUser(ctx, false)
  if (ctx.options.session.strategy !== 'database' || !ctx.options.adapter?.listSessions) return []
  return listSessions(ctx.options.config, user.id, { request: ctx.request })
}

/** GET account/sessions */
export async function listSessionsRoute(ctx: RequestContext): Promise<ResponseInternal> {
  const sessions = await sessionList(ctx)
  return json({ strategy: ctx.options.session.strategy, sessions }, 200, { headers: { 'Cache-Control': 'private, no-store' } })
}

/** POST account/sessions/revoke { id } — one database session of the user (not necessarily another device's). */
export async function revokeSessionRoute(ctx: RequestContext): Promise<ResponseInternal> {
  const { user } = await accountUser(ctx, false)
  const id = str(ctx.body?.id)
  if (!id || id.length > 64) throw new InvalidRequest('Name the session to revoke: id (from account/sessions)')
  if (ctx.options.session.strategy !== 'database') throw new InvalidRequest('JWT sessions cannot be revoked one by one; revoke the others instead')
  if (!(await revokeSession(ctx.options.config, user.id, id))) throw new InvalidRequest('No such session')
  return done(ctx, 'session-revoked', { revoked: 1 })
}

/** POST account/sessions/revoke-others — every session of the user but this one. */
export async function revokeOthersRoute(ctx: RequestContext): Promise<ResponseInternal> {
  const { user } = await accountUser(ctx, false)
  if (ctx.options.session.strategy === 'database') {
    const revoked = await revokeSessions(ctx.options.config, user.id, { except: ctx.request })
    return done(ctx, 'sessions-revoked', { revoked })
  }
  const version = await signOutEverywhere(ctx.options.config, user.id)
  const found = await readJwtSession(ctx)
  const cookies = found ? await writeJwtSession(ctx, { ...found.token, [SESSION_VERSION_CLAIM]: version }) : []
  return done(ctx, 'sessions-revoked', {}, cookies)
}
