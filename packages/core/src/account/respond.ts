import type { RequestContext, ResponseInternal } from '../context.js'
import type { Cookie } from '../http/cookies.js'
import { AuthError } from '../errors.js'
import { errorResponse } from '../http/errors.js'
import { applyRedirectCallback, pageUrl, redirectTo } from '../http/redirect.js'
import { json } from '../http/response.js'
import { returnsUrl } from '../http/return-url.js'
import { str } from '../http/body.js'
import { customPageUrl } from '../pages/custom.js'

/**
 * The account routes answer two kinds of client: a browser posting the built-in page's forms (HTML in, redirects
 * out, errors shown on the account page) and fetch clients (JSON in and out, errors as JSON with a 4xx status).
 * A request is a browser's when it accepts HTML and did not ask for `{ url }` JSON (X-Auth-Return-Redirect).
 */
export function wantsPage(ctx: RequestContext): boolean {
  if (returnsUrl(ctx)) return false
  return (ctx.request.headers.get('accept') ?? '').toLowerCase().includes('text/html')
}

/** URL of the account page (the app's own, pages.account, else the built-in one), with query parameters (`done`, `error`). */
export function accountUrl(ctx: RequestContext, params: Record<string, string> = {}): string {
  const own = customPageUrl(ctx, 'account', params)
  if (own) return own
  const u = new URL(`${ctx.authUrl}/account`)
  for (const [k, v] of Object.entries(params)) u.searchParams.set(k, v)
  return u.href
}

/** Where a browser goes after an action: the form's callbackUrl (through callbacks.redirect), else the account page. */
export async function afterAction(ctx: RequestContext, done: string): Promise<string> {
  const wanted = str(ctx.body?.callbackUrl)
  if (wanted && wanted.length <= 4096) return applyRedirectCallback(ctx, wanted)
  return accountUrl(ctx, { done })
}

/** The result of an action: JSON for fetch clients, a redirect for browsers. */
export async function done(ctx: RequestContext, what: string, body: Record<string, unknown>, cookies: Cookie[] = []): Promise<ResponseInternal> {
  if (wantsPage(ctx) || returnsUrl(ctx)) return redirectTo(ctx, await afterAction(ctx, what), cookies)
  return json({ ok: true, ...body }, 200, { cookies, headers: { 'Cache-Control': 'private, no-store' } })
}

/** Codes a browser sees on the account page as `?error=`: refusals of the user's own request, never server faults. */
const SHOWN = new Set(['InvalidRequest', 'InvalidProvider', 'InvalidCheck', 'MissingCSRF', 'OAuthAccountNotLinked', 'Verification', 'RateLimited'])

/**
 * Errors of the account routes. Fetch clients get the usual JSON (401 SessionRequired, 403 SessionNotFresh or
 * MissingCSRF, 400 for bad input, 503 on a store outage). Browsers are sent to sign in again (with a way back
 * here) when the session is missing or too old, to the account page with `?error=` for a refused request, and
 * to the error page for anything else.
 */
export function accountError(ctx: RequestContext, error: unknown): ResponseInternal {
  if (!wantsPage(ctx)) return errorResponse(ctx, error, 'json')
  if (error instanceof AuthError && (error.code === 'SessionRequired' || error.code === 'SessionNotFresh')) {
    ctx.options.logger.warn(error.code, error.message)
    const res = redirectTo(ctx, pageUrl(ctx, 'signin', { error: error.code, callbackUrl: accountUrl(ctx) }))
    return ctx.cleanup?.length ? { ...res, cookies: [...(res.cookies ?? []), ...ctx.cleanup] } : res
  }
  if (error instanceof AuthError && SHOWN.has(error.code)) {
    ctx.options.logger.warn(error.code, error.message)
    return redirectTo(ctx, accountUrl(ctx, { error: error.code }), ctx.cleanup ?? [])
  }
  return errorResponse(ctx, error, 'page')
}
