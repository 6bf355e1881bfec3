import '../session-path.js' // one edge chunk for the session path (session-path.ts)
import type { RequestContext, ResponseInternal } from '../context.js'
import { pageUrl, resolveCallbackUrl } from '../http/redirect.js'
import { str } from '../http/body.js'
import { signinPage } from '../pages/signin.js'
import { errorPage, signoutPage, verifyRequestPage } from '../pages/other.js'
import { ensureCsrf } from './csrf.js'
import { STORE_RETRY_AFTER_SECONDS } from '../store/outage.js'

/** A known error code, or undefined: query strings never reach a page unvalidated. */
function errorCode(ctx: RequestContext): string | undefined {
  const e = str(ctx.query.error)
  return e && /^[A-Za-z]{1,40}$/.test(e) ? e : undefined
}

function page(rendered: { body: string; headers: Record<string, string> }, status = 200, cookies: ResponseInternal['cookies'] = []): ResponseInternal {
  return { status, body: rendered.body, headers: rendered.headers, cookies }
}

/** GET /signin: the built-in page, or a redirect to `pages.signIn` with callbackUrl and error. */
export async function signinPageAction(ctx: RequestContext): Promise<ResponseInternal> {
  const { url: callbackUrl, cookie } = await resolveCallbackUrl(ctx)
  const error = errorCode(ctx)
  if (ctx.options.pages.signIn) {
    const code = str(ctx.query.code)
    return { redirect: pageUrl(ctx, 'signin', { callbackUrl, error, code: code && /^[\w.-]{1,64}$/.test(code) ? code : undefined }), cookies: cookie ? [cookie] : [] }
  }
  const csrf = await ensureCsrf(ctx)
  const cookies = [...(csrf.cookie ? [csrf.cookie] : []), ...(cookie ? [cookie] : [])]
  const providers = ctx.options.providers.filter((p) => !ctx.providerId || p.id === ctx.providerId)
  return page(signinPage({ providers: providers.length ? providers : ctx.options.providers, authUrl: ctx.authUrl, csrfToken: csrf.token, callbackUrl, error, theme: ctx.options.theme }), 200, cookies)
}

/** GET /signout: a confirmation form (sign-out itself is a CSRF-checked POST). */
export async function signoutPageAction(ctx: RequestContext): Promise<ResponseInternal> {
  const { url: callbackUrl } = await resolveCallbackUrl(ctx)
  if (ctx.options.pages.signOut) return { redirect: pageUrl(ctx, 'signout', { callbackUrl }) }
  const csrf = await ensureCsrf(ctx)
  return page(signoutPage({ authUrl: ctx.authUrl, csrfToken: csrf.token, callbackUrl, theme: ctx.options.theme }), 200, csrf.cookie ? [csrf.cookie] : [])
}

/** GET /error?error=Code */
export async function errorPageAction(ctx: RequestContext): Promise<ResponseInternal> {
  const code = errorCode(ctx)
  if (ctx.options.pages.error) return { redirect: pageUrl(ctx, 'error', { error: code }) }
  // The page reports an error that already happened (and was logged); rendering it is not a server fault.
  const status = code === 'AccessDenied' ? 403 : code === 'OAuthProviderUnavailable' || code === 'StoreUnavailable' ? 503 : 400
  const rendered = errorPage({ code, homeUrl: ctx.origin, signinUrl: pageUrl(ctx, 'signin'), theme: ctx.options.theme })
  if (code === 'StoreUnavailable') rendered.headers = { ...rendered.headers, 'Retry-After': String(STORE_RETRY_AFTER_SECONDS) }
  return page(rendered, status)
}

/** GET /verify-request */
export async function verifyRequestPageAction(ctx: RequestContext): Promise<ResponseInternal> {
  if (ctx.options.pages.verifyRequest) return { redirect: pageUrl(ctx, 'verify-request') }
  return page(verifyRequestPage({ homeUrl: ctx.origin, theme: ctx.options.theme }))
}
