import type { RequestContext, ResponseInternal } from '../context.js'
import type { JWT } from '../tokens/jwt-types.js'
import type { Session } from '../types.js'
import type { AdapterUser } from '../adapters/types.js'
import { json, NO_STORE } from '../http/response.js'
import { clearSession, hasSessionCookie, readJwtSession, writeJwtSession } from '../session/jwt-session.js'
import { defaultCallbacks } from '../config/defaults.js'
import { emit } from './events.js'
import { JWTSessionError, StoreUnavailable } from '../errors.js'
import { ADAPTER_USER_CLAIM, AUTH_TIME_CLAIM, SESSION_VERSION_CLAIM, TWO_FACTOR_CLAIM } from '../session/claims.js'

/**
 * GET and POST /session for JWT sessions, the check every request makes. What only some deployments need loads
 * on first use: database sessions (session-database.ts), the session-version check (only with an adapter) and
 * the OAuth refresh (only for a token that names a provider).
 */

/** Only a token that names a provider can need a refresh; the OAuth code (oauth4webapi) loads on first need. */
async function refreshIfExpired(options: RequestContext['options'], token: JWT): Promise<JWT> {
  return (await import('../oauth/refresh.js')).refreshIfExpired(options, token)
}

async function versionValid(ctx: RequestContext, token: JWT): Promise<boolean> {
  try {
    return await (await import('../session/version.js')).sessionVersionValid(ctx, token)
  } catch (e) {
    if (e instanceof StoreUnavailable) throw e
    throw new JWTSessionError('Checking the session version failed', { cause: e })
  }
}

/**
 * A re-issued token keeps the session version it was signed in under and its sign-in time (session/signed-in.ts),
 * whatever the jwt callback returned.
 */
function keepVersion(original: JWT, token: JWT): JWT {
  const v = original[SESSION_VERSION_CLAIM]
  const at = original[AUTH_TIME_CLAIM]
  const tfa = original[TWO_FACTOR_CLAIM]
  if (typeof v !== 'number' && typeof at !== 'number' && typeof tfa !== 'boolean') return token
  const kept: JWT = { ...token }
  if (typeof v === 'number') kept[SESSION_VERSION_CLAIM] = v
  if (original[ADAPTER_USER_CLAIM] === 1) kept[ADAPTER_USER_CLAIM] = 1
  if (typeof at === 'number') kept[AUTH_TIME_CLAIM] = at
  if (typeof tfa === 'boolean') kept[TWO_FACTOR_CLAIM] = tfa
  return kept
}

function respond(body: unknown, cookies: ResponseInternal['cookies'] = []): ResponseInternal {
  return json(body, 200, { headers: NO_STORE, cookies })
}

function defaultSession(token: JWT, expires: Date): Session {
  const session: Session = { user: { name: token.name, email: token.email, image: token.picture }, expires: expires.toISOString() }
  // With config.twoFactor: whether the user had 2FA on at sign-in (or after an enrollment change in this browser).
  const tfa = token[TWO_FACTOR_CLAIM]
  if (typeof tfa === 'boolean') session.user!.twoFactorEnabled = tfa
  // A failed refresh-token rotation must reach the client, which then asks the user to sign in again.
  if (typeof token.error === 'string') session.error = token.error
  return session
}

/** GET /session and POST /session (update; CSRF checked by the dispatcher). */
export function sessionAction(ctx: RequestContext): Promise<ResponseInternal> {
  if (ctx.options.session.strategy === 'jwt') return jwtSession(ctx)
  return import('./session-database.js').then((m) => m.databaseSession(ctx))
}

async function jwtSession(ctx: RequestContext): Promise<ResponseInternal> {
  const { options } = ctx
  const found = await readJwtSession(ctx)
  if (!found) return respond(null, hasSessionCookie(ctx) ? clearSession(ctx) : [])
  // Signed out everywhere since this token was issued: it is no longer a session.
  if (options.adapter && !(await versionValid(ctx, found.token))) return respond(null, clearSession(ctx))
  const isUpdate = ctx.method === 'POST'
  const { callbacks } = options
  let token: JWT | null
  const original = found.token
  try {
    const refreshed = typeof original.provider === 'string' ? await refreshIfExpired(options, original) : original
    let changed: boolean
    if (callbacks.jwt === defaultCallbacks.jwt && !isUpdate) {
      // The default callback returns the token it is given: only a refresh changes it.
      token = refreshed
      changed = refreshed !== original
    } else {
      const before = refreshed === original ? JSON.stringify(original) : ''
      token = await callbacks.jwt({
        token: refreshed,
        ...(isUpdate ? { trigger: 'update' as const, session: ctx.body?.data } : {}),
      })
      changed = token !== null && (before === '' || JSON.stringify(token) !== before)
    }
    if (token === null) return respond(null, clearSession(ctx))
    const now = options.now()
    const age = now - (typeof original.iat === 'number' ? original.iat : 0)
    const reissue = isUpdate || changed || found.source === 'legacy' || age >= options.session.updateAge
    const cookies = reissue ? await writeJwtSession(ctx, keepVersion(original, token)) : []
    const exp = reissue ? now + options.jwt.maxAge : typeof original.exp === 'number' ? original.exp : now
    const base = defaultSession(token, new Date(exp * 1000))
    const session =
      callbacks.session === defaultCallbacks.session
        ? base
        : await callbacks.session({
            session: base,
            token,
            user: undefined as unknown as AdapterUser,
            ...(isUpdate ? { trigger: 'update' as const, newSession: ctx.body?.data } : {}),
          })
    if (options.events.session) await emit(ctx, 'session', { session: session as Session, token })
    return respond(session, cookies)
  } catch (e) {
    throw e instanceof JWTSessionError || e instanceof StoreUnavailable ? e : new JWTSessionError('The jwt or session callback failed', { cause: e })
  }
}
