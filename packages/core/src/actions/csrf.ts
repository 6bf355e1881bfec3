import '../session-path.js' // one edge chunk for the session path (session-path.ts)
import type { RequestContext, ResponseInternal } from '../context.js'
import { mintCsrf, readCsrfCookie, csrfMatches } from '../tokens/csrf.js'
import { MissingCSRF } from '../errors.js'
import { json, NO_STORE } from '../http/response.js'

/** The request's CSRF token: the one in a valid cookie, or a freshly minted one with its cookie. */
export async function ensureCsrf(ctx: RequestContext): Promise<NonNullable<RequestContext['csrf']>> {
  if (ctx.csrf) return ctx.csrf
  const existing = await readCsrfCookie(ctx.jar.get(ctx.cookies.csrfToken.name), ctx.options.secret)
  if (existing) return (ctx.csrf = { token: existing, verified: false })
  const { token, cookieValue } = await mintCsrf(ctx.options.secret)
  const cookie = { name: ctx.cookies.csrfToken.name, value: cookieValue, options: ctx.cookies.csrfToken.options }
  return (ctx.csrf = { token, cookie, verified: false })
}

/** Throw MissingCSRF unless the body's csrfToken matches the signed cookie. */
export async function verifyCsrf(ctx: RequestContext): Promise<void> {
  if (ctx.options.skipCSRFCheck) return
  const cookieToken = await readCsrfCookie(ctx.jar.get(ctx.cookies.csrfToken.name), ctx.options.secret)
  if (!csrfMatches(ctx.body?.csrfToken, cookieToken)) {
    throw new MissingCSRF('CSRF token missing or invalid: POST the csrfToken from GET /csrf along with its cookie')
  }
  ctx.csrf = { token: cookieToken!, verified: true }
}

/** GET /csrf */
export async function csrfAction(ctx: RequestContext): Promise<ResponseInternal> {
  const csrf = await ensureCsrf(ctx)
  return json({ csrfToken: csrf.token }, 200, { headers: NO_STORE, cookies: csrf.cookie ? [csrf.cookie] : [] })
}
