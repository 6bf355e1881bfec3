import type { RequestContext, ResponseInternal } from '../context.js'
import type { Cookie } from './cookies.js'
import { str } from './body.js'
import { returnsUrl } from './return-url.js'
import { json } from './response.js'
import { collapseLeadingSlashes } from './safe-redirect.js'

const MAX_URL_LENGTH = 4096

/** Run `callbacks.redirect` and make sure what comes back is a usable absolute http(s) URL. */
export async function applyRedirectCallback(ctx: RequestContext, url: string): Promise<string> {
  const baseUrl = ctx.origin
  let out: unknown
  try {
    out = await ctx.options.callbacks.redirect({ url, baseUrl })
  } catch (e) {
    ctx.options.logger.error(e instanceof Error ? e : new Error(String(e)))
    return baseUrl
  }
  if (typeof out !== 'string' || out.length > MAX_URL_LENGTH) return baseUrl
  try {
    // An app's own callback may allow other origins; its answer still never has a protocol-relative path.
    const u = collapseLeadingSlashes(new URL(out, baseUrl))
    return u.protocol === 'http:' || u.protocol === 'https:' ? u.href : baseUrl
  } catch {
    return baseUrl
  }
}

/**
 * The callbackUrl of this request: body `callbackUrl`/`redirectTo`, then query, then the callback-url cookie,
 * then the app origin. Only strings count (an array or object is ignored). The result has been through the
 * redirect callback. When it came from the request, a cookie remembers it across the provider round trip.
 */
export async function resolveCallbackUrl(ctx: RequestContext): Promise<{ url: string; cookie?: Cookie }> {
  const fromRequest =
    str(ctx.body?.callbackUrl) ?? str(ctx.body?.redirectTo) ?? str(ctx.query.callbackUrl) ?? str(ctx.query.redirectTo)
  const candidate = fromRequest ?? ctx.jar.get(ctx.cookies.callbackUrl.name)
  if (!candidate || candidate.length > MAX_URL_LENGTH) return { url: `${ctx.origin}/` }
  const url = await applyRedirectCallback(ctx, candidate)
  if (fromRequest === undefined) return { url }
  return { url, cookie: { name: ctx.cookies.callbackUrl.name, value: url, options: ctx.cookies.callbackUrl.options } }
}

/** A redirect, or `{ url }` JSON when a fetch-based client asked for it (http/return-url.ts). */
export function redirectTo(ctx: RequestContext, url: string, cookies: Cookie[] = []): ResponseInternal {
  if (returnsUrl(ctx)) {
    return json({ url }, 200, { cookies })
  }
  return { redirect: url, cookies }
}

/** URL of a built-in or custom page with query parameters. */
export function pageUrl(ctx: RequestContext, page: 'signin' | 'signout' | 'error' | 'verify-request', params: Record<string, string | undefined> = {}): string {
  const custom = { signin: ctx.options.pages.signIn, signout: ctx.options.pages.signOut, error: ctx.options.pages.error, 'verify-request': ctx.options.pages.verifyRequest }[page]
  const u = custom ? new URL(custom, ctx.origin) : new URL(`${ctx.authUrl}/${page}`)
  for (const [k, v] of Object.entries(params)) if (v !== undefined) u.searchParams.set(k, v)
  return u.href
}
