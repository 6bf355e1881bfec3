import type { RequestContext, ResponseInternal } from '../context.js'
import type { Cookie } from '../http/cookies.js'
import { AuthError } from '../errors.js'
import { errorResponse } from '../http/errors.js'
import { json } from '../http/response.js'
import { returnsUrl } from '../http/return-url.js'
import { customPage, queryCode, type LatchPageKey } from '../pages/custom.js'
import { resolveCallbackUrl } from '../http/redirect.js'
import type { PasswordConfig } from './types.js'
import { passwordProvider } from './settings.js'

/**
 * JSON for fetch clients (a JSON body, `Accept: application/json` without text/html, or the return-redirect
 * flag), pages for browsers. Both answer the same thing.
 */
export function wantsJson(ctx: RequestContext): boolean {
  const type = ctx.request.headers.get('content-type') ?? ''
  const accept = ctx.request.headers.get('accept') ?? ''
  return type.includes('application/json') || (accept.includes('application/json') && !accept.includes('text/html')) || returnsUrl(ctx)
}

export function page(rendered: { body: string; headers: Record<string, string> }, status = 200, cookies: Cookie[] = []): ResponseInternal {
  return { status, body: rendered.body, headers: rendered.headers, cookies }
}

/** `{ ok: true, ... }` for fetch clients, else the page. */
export function answer(ctx: RequestContext, body: Record<string, unknown>, rendered: () => { body: string; headers: Record<string, string> }, cookies: Cookie[] = []): ResponseInternal {
  if (wantsJson(ctx)) return json({ ok: true, ...body }, 200, { cookies, headers: { 'Cache-Control': 'no-store' } })
  return page(rendered(), 200, cookies)
}

/**
 * Run a password action: errors become JSON for fetch clients; for browsers, errors the form can show (a weak
 * password, a wrong current password) re-render it (status 400), others take the usual page route.
 */
export async function run(
  ctx: RequestContext,
  action: () => Promise<ResponseInternal>,
  form?: (message: string) => Promise<{ body: string; headers: Record<string, string> }>,
  formCodes: readonly string[] = ['PasswordPolicy'],
  /** The app's own page for this form (pages.signUp …): a refused form sends the browser there with `error`. */
  custom?: { key: LatchPageKey; params: Record<string, string> | (() => Record<string, string>) },
): Promise<ResponseInternal> {
  try {
    return await action()
  } catch (e) {
    if (wantsJson(ctx)) {
      const res = errorResponse(ctx, e, 'json')
      if (e instanceof AuthError && e.code === 'CredentialsSignin') return { ...res, status: 401 }
      return res
    }
    if (form && e instanceof AuthError && formCodes.includes(e.code)) {
      ctx.options.logger.warn(e.code, e.message)
      const params = custom ? (typeof custom.params === 'function' ? safeParams(custom.params) : custom.params) : undefined
      const own = custom && params ? customPage(ctx, custom.key, { ...params, error: e.code }) : undefined
      if (own) return own
      return page(await form(e.message), 400)
    }
    throw e
  }
}

function safeParams(get: () => Record<string, string>): Record<string, string> | undefined {
  try {
    return get()
  } catch {
    return undefined
  }
}

/**
 * GET of a password form (sign-up, forgot password): the app's own page for `key` when it has one (pages.signUp,
 * pages.forgotPassword), given the callbackUrl, the provider and a validated error code; else the built-in form.
 */
export async function formPageAction(
  ctx: RequestContext,
  key: LatchPageKey,
  form: (ctx: RequestContext, provider: PasswordConfig) => Promise<{ csrf: { cookie?: Cookie }; rendered: { body: string; headers: Record<string, string> } }>,
): Promise<ResponseInternal> {
  const provider = passwordProvider(ctx)
  const { url: callbackUrl } = await resolveCallbackUrl(ctx)
  const custom = customPage(ctx, key, { callbackUrl, provider: provider.id, error: queryCode(ctx) })
  if (custom) return custom
  const { csrf, rendered } = await form(ctx, provider)
  return page(rendered, 200, csrf.cookie ? [csrf.cookie] : [])
}
