import type { RequestContext, ResponseInternal } from '../context.js'
import type { JWT } from '../tokens/jwt-types.js'
import type { Session } from '../types.js'
import type { AdapterUser } from '../adapters/types.js'
import { json, NO_STORE } from '../http/response.js'
import { clearSession, hasSessionCookie, readJwtSession, writeJwtSession } from '../session/jwt-session.js'
import { clearCookieCache, readDbSessionCached } from '../session/cookie-cache.js'
import { emit } from './events.js'
import { JWTSessionError, SessionTokenError, StoreUnavailable } from '../errors.js'
import { SESSION_VERSION_CLAIM, sessionVersionValid } from '../session/version.js'
import { AUTH_TIME_CLAIM, TWO_FACTOR_CLAIM } from '../session/claims.js'

/** Only a token that names a provider can need a refresh; the OAuth code (oauth4webapi) loads on first need. */
async function refreshIfExpired(options: RequestContext['options'], token: JWT): Promise<JWT> {
  if (!token || typeof token.provider !== 'string') return token
  return (await import('../oauth/refresh.js')).refreshIfExpired(options, token)
}

async function versionValid(ctx: RequestContext, token: JWT): Promise<boolean> {
  try {
    return await sessionVersionValid(ctx, token)
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
export async function sessionAction(ctx: RequestContext): Promise<ResponseInternal> {
  return ctx.options.session.strategy === 'jwt' ? jwtSession(ctx) : databaseSession(ctx)
}

async function jwtSession(ctx: RequestContext): Promise<ResponseInternal> {
  const { options } = ctx
  const found = await readJwtSession(ctx)
  if (!found) return respond(null, hasSessionCookie(ctx) ? clearSession(ctx) : [])
  // Signed out everywhere since this token was issued: it is no longer a session.
  if (options.adapter && !(await versionValid(ctx, found.token))) return respond(null, clearSession(ctx))
  const isUpdate = ctx.method === 'POST'
  let token: JWT | null
  const original = found.token
  try {
    const refreshed = await refreshIfExpired(options, original)
    const before = refreshed === original ? JSON.stringify(original) : ''
    token = await options.callbacks.jwt({
      token: refreshed,
      ...(isUpdate ? { trigger: 'update' as const, session: ctx.body?.data } : {}),
    })
    const changed = token !== null && (before === '' || JSON.stringify(token) !== before)
    if (token === null) return respond(null, clearSession(ctx))
    const now = options.now()
    const age = now - (typeof original.iat === 'number' ? original.iat : 0)
    const reissue = isUpdate || changed || found.source === 'legacy' || age >= options.session.updateAge
    const cookies = reissue ? await writeJwtSession(ctx, keepVersion(original, token)) : []
    const exp = reissue ? now + options.jwt.maxAge : typeof original.exp === 'number' ? original.exp : now
    const session = await options.callbacks.session({
      session: defaultSession(token, new Date(exp * 1000)),
      token,
      user: undefined as unknown as AdapterUser,
      ...(isUpdate ? { trigger: 'update' as const, newSession: ctx.body?.data } : {}),
    })
    await emit(ctx, 'session', { session: session as Session, token })
    return respond(session, cookies)
  } catch (e) {
    throw e instanceof JWTSessionError || e instanceof StoreUnavailable ? e : new JWTSessionError('The jwt or session callback failed', { cause: e })
  }
}

async function databaseSession(ctx: RequestContext): Promise<ResponseInternal> {
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
  try {
    const result = await options.callbacks.session({
      session: {
        user: {
          name: user.name,
          email: user.email,
          image: user.image,
          // With config.twoFactor: what the adapter reports with the session's user (two-factor/).
          ...(options.config.twoFactor ? { twoFactorEnabled: user.twoFactorEnabled === true } : {}),
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
