import '../session-path.js' // one edge chunk for the session path (session-path.ts)
import type { RequestContext, ResponseInternal } from '../context.js'
import { InvalidRequest, UnknownAction } from '../errors.js'
import { str } from '../http/body.js'
import { json } from '../http/response.js'
import { clearSession } from '../session/jwt-session.js'
import { clearCookieCache } from '../session/cookie-cache.js'
import { clearAuthTimeCookie, isRecent } from '../session/signed-in.js'
import { ensureCsrf, verifyCsrf } from '../actions/csrf.js'
import { accountError, done, wantsPage } from './respond.js'
import { accountUser } from './user.js'
import { deleteAccount, overview, unlink } from './operations.js'
import { startLink } from './link.js'
import { confirmEmailChange, confirmEmailChangePage, requestEmailChange } from './email-change.js'
import { listSessionsRoute, revokeOthersRoute, revokeSessionRoute, sessionList } from './sessions.js'
import { customPage, queryCode } from '../pages/custom.js'
import { accountPage, deletedPage } from './page.js'

/**
 * `{basePath}/account/…`: account management for the signed-in user (table.ts routes every sub-path here).
 *
 *   GET  account                         overview: user, linked accounts, password/passkeys, sessions (JSON or the page)
 *   GET  account/sessions                the user's sessions (JSON)
 *   POST account/link/<provider>         start linking an OAuth/OIDC account (recent sign-in)
 *   POST account/unlink                  { provider, providerAccountId? } (recent sign-in; never the last method)
 *   POST account/email                   { email }: mail a confirmation link to the new address (recent sign-in)
 *   GET  account/email/confirm?token=    the link's confirmation page (changes nothing)
 *   POST account/email/confirm           { token }: apply the change
 *   POST account/delete                  delete the account (recent sign-in)
 *   POST account/sessions/revoke         { id }: sign one session out
 *   POST account/sessions/revoke-others  sign every other session out
 *
 * Every POST is CSRF-checked (the double-submit token of GET /csrf, as `csrfToken`).
 */
type Handler = (ctx: RequestContext, rest: string[]) => Promise<ResponseInternal>

const GET: Record<string, Handler> = {
  '': (ctx) => overviewRoute(ctx),
  sessions: (ctx) => listSessionsRoute(ctx),
  'email/confirm': (ctx) => confirmEmailChangePage(ctx),
}

const POST: Record<string, Handler> = {
  link: (ctx, rest) => startLink(ctx, rest[0]),
  unlink: (ctx) => unlinkRoute(ctx),
  email: (ctx) => requestEmailChange(ctx),
  'email/confirm': (ctx) => confirmEmailChange(ctx),
  delete: (ctx) => deleteRoute(ctx),
  'sessions/revoke': (ctx) => revokeSessionRoute(ctx),
  'sessions/revoke-others': (ctx) => revokeOthersRoute(ctx),
}

/** The handler for a sub-path: the longest known prefix (`link/<provider>` keeps its tail). */
function pick(table: Record<string, Handler>, sub: string[]): { handler: Handler; rest: string[] } | undefined {
  for (let n = Math.min(sub.length, 2); n >= 0; n--) {
    const key = sub.slice(0, n).join('/')
    if (!Object.hasOwn(table, key)) continue
    const rest = sub.slice(n)
    if (key === 'link' ? rest.length !== 1 : rest.length !== 0) return undefined
    return { handler: table[key]!, rest }
  }
  return undefined
}

export async function accountAction(ctx: RequestContext): Promise<ResponseInternal> {
  const sub = ctx.subpath ?? []
  const found = pick(ctx.method === 'POST' ? POST : GET, sub)
  if (!found) {
    const other = pick(ctx.method === 'POST' ? GET : POST, sub)
    if (other) return json({ error: 'UnknownAction', message: `account/${sub.join('/')} does not accept ${ctx.method}` }, 405, { headers: { Allow: ctx.method === 'POST' ? 'GET' : 'POST' } })
    throw new UnknownAction(`Unknown account route "account/${sub.join('/').slice(0, 60)}"`)
  }
  try {
    if (ctx.method === 'POST') await verifyCsrf(ctx)
    return await found.handler(ctx, found.rest)
  } catch (e) {
    return accountError(ctx, e)
  }
}

/** GET account */
async function overviewRoute(ctx: RequestContext): Promise<ResponseInternal> {
  const { who, user } = await accountUser(ctx, false)
  const [data, sessions] = await Promise.all([overview(ctx, user), sessionList(ctx)])
  const recent = isRecent(ctx, who)
  if (!wantsPage(ctx)) {
    return json({ ...data, sessions, strategy: ctx.options.session.strategy, recentSignIn: recent }, 200, { headers: { 'Cache-Control': 'private, no-store' } })
  }
  const own = customPage(ctx, 'account', { done: queryCode(ctx, 'done'), error: queryCode(ctx) })
  if (own) return own
  const csrf = await ensureCsrf(ctx)
  const page = accountPage({
    authUrl: ctx.authUrl,
    csrfToken: csrf.token,
    data,
    sessions,
    strategy: ctx.options.session.strategy,
    recent,
    done: str(ctx.query.done),
    error: str(ctx.query.error),
    theme: ctx.options.theme,
  })
  return { status: 200, body: page.body, headers: page.headers, cookies: csrf.cookie ? [csrf.cookie] : [] }
}

/** POST account/unlink */
async function unlinkRoute(ctx: RequestContext): Promise<ResponseInternal> {
  const { user } = await accountUser(ctx, true)
  const provider = str(ctx.body?.provider)
  if (!provider || provider.length > 128) throw new InvalidRequest('Name the account to unlink: provider (and providerAccountId)')
  const providerAccountId = str(ctx.body?.providerAccountId)
  const account = await unlink(ctx, user.id, { provider, ...(providerAccountId !== undefined ? { providerAccountId } : {}) })
  return done(ctx, 'unlinked', { unlinked: account })
}

/** POST account/delete: the account goes, and with it this browser's session cookies. */
async function deleteRoute(ctx: RequestContext): Promise<ResponseInternal> {
  const { user } = await accountUser(ctx, true)
  await deleteAccount(ctx, user.id)
  const cookies = [...clearSession(ctx), ...clearCookieCache(ctx), ...clearAuthTimeCookie(ctx)]
  if (!wantsPage(ctx)) return json({ ok: true, deleted: true }, 200, { cookies, headers: { 'Cache-Control': 'private, no-store' } })
  const page = deletedPage({ homeUrl: `${ctx.origin}/`, theme: ctx.options.theme })
  return { status: 200, body: page.body, headers: page.headers, cookies }
}
