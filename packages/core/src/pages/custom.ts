import type { RequestContext, ResponseInternal } from '../context.js'
import type { Cookie } from '../http/cookies.js'
import type { LatchPages } from '../types.js'
import { str } from '../http/body.js'

/**
 * The app's own pages for Latch's built-in ones (`pages.signUp`, `pages.twoFactor`, …; Auth.js's five are in
 * http/redirect.ts pageUrl). A browser asking for a built-in page is sent to the app's page with the same query
 * parameters the built-in page would use (a `callbackUrl` already checked by callbacks.redirect, a link's `token`
 * and `email`, an `error` code); fetch clients get JSON as before. Core's own redirects to these pages (after the
 * first factor, after an account action, after a refused form) go to the app's page too.
 */
export type LatchPageKey = keyof LatchPages

/** The app's page for `key` with `params` (undefined ones left out), or undefined when the app has none. */
export function customPageUrl(ctx: RequestContext, key: LatchPageKey, params: Record<string, string | undefined> = {}): string | undefined {
  const custom = ctx.options.pages[key]
  if (typeof custom !== 'string' || !custom) return undefined
  const u = new URL(custom, ctx.origin)
  for (const [k, v] of Object.entries(params)) if (v !== undefined) u.searchParams.set(k, v)
  return u.href
}

/** A redirect to the app's page for `key`, or undefined when the app has none. */
export function customPage(ctx: RequestContext, key: LatchPageKey, params: Record<string, string | undefined> = {}, cookies: Cookie[] = []): ResponseInternal | undefined {
  const url = customPageUrl(ctx, key, params)
  return url ? { redirect: url, cookies } : undefined
}

/** An error code from the query (`?error=`), only in the shape of one: query strings never pass on unvalidated. */
export function queryCode(ctx: RequestContext, name = 'error'): string | undefined {
  const v = str(ctx.query[name])
  return v && /^[A-Za-z][\w-]{0,39}$/.test(v) ? v : undefined
}
