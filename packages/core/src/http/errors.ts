import '../session-path.js' // one edge chunk for the session path (session-path.ts)
import type { RequestContext, ResponseInternal } from '../context.js'
import { AuthError, clientCode, CredentialsSignin, credentialsReason, isSigninPageError } from '../errors.js'
import { pageUrl, redirectTo } from './redirect.js'
import { json } from './response.js'
import { STORE_RETRY_AFTER_SECONDS } from '../store/outage.js'

function jsonError(status: number, error: string, message: string): ResponseInternal {
  return json({ error, message }, status, { headers: { 'Cache-Control': 'no-store' } })
}

/** Errors caused by the request itself: a 4xx with the real message (it names nothing secret). */
export function requestError(error: AuthError): ResponseInternal | undefined {
  switch (error.code) {
    case 'InvalidRequest':
      return jsonError(400, error.code, error.message)
    case 'UnknownAction':
    case 'InvalidProvider':
      return jsonError(404, error.code, error.message)
    default:
      return undefined
  }
}

/**
 * Map a thrown error to a response. The real cause is logged (at error level, via the logger that
 * redacts nothing secret because nothing secret is put in messages); the client sees only a safe code.
 */
export function errorResponse(ctx: RequestContext, error: unknown, mode: 'json' | 'page'): ResponseInternal {
  const res = errorResult(ctx, error, mode)
  return ctx.cleanup?.length ? { ...res, cookies: [...(res.cookies ?? []), ...ctx.cleanup] } : res
}

function errorResult(ctx: RequestContext, error: unknown, mode: 'json' | 'page'): ResponseInternal {
  const err = error instanceof Error ? error : new Error(String(error))
  const code = clientCode(err)
  const early = err instanceof AuthError ? requestError(err) : undefined
  if (early) return early
  // Server faults go to the log at error level with their cause; refusals of a client's request are warnings.
  if (code === 'Configuration' || code === 'StoreUnavailable') ctx.options.logger.error(err)
  else ctx.options.logger.warn(code, err.message)
  if (mode === 'json') {
    if (code === 'MissingCSRF') return jsonError(403, code, 'CSRF token missing or invalid')
    if (code === 'RateLimited') return jsonError(429, code, err.message)
    if (code === 'SessionRequired') return jsonError(401, code, err.message)
    if (code === 'SessionNotFresh') return jsonError(403, code, err.message)
    if (code === 'StoreUnavailable') return storeUnavailable(jsonError(503, code, err.message))
    return jsonError(code === 'Configuration' ? 500 : 400, code, code === 'Configuration' ? 'Server error: see the server log' : err.message)
  }
  if (isSigninPageError(code) || code === 'MissingCSRF') {
    const params: Record<string, string> = { error: code }
    if (err instanceof CredentialsSignin) params.code = credentialsReason(err)
    return redirectTo(ctx, pageUrl(ctx, 'signin', params))
  }
  const res = redirectTo(ctx, pageUrl(ctx, 'error', { error: code }))
  return code === 'StoreUnavailable' ? storeUnavailable(res) : res
}

/** A store outage: tell the client when to retry (the redirect to the error page carries it too). */
function storeUnavailable(res: ResponseInternal): ResponseInternal {
  return { ...res, headers: { ...res.headers, 'Retry-After': String(STORE_RETRY_AFTER_SECONDS), 'Cache-Control': 'no-store' } }
}
