import '../session-path.js' // one edge chunk for the session path (session-path.ts)
import type { RequestContext, ResponseInternal } from '../context.js'

/**
 * Whether a fetch-based client asked for redirects as `{ url }` JSON instead of a 302 it could not follow
 * across origins: next-auth v5 and @latch/next/react send `X-Auth-Return-Redirect: 1`, next-auth v4's
 * `signIn()`/`signOut()` post `json=true` in the form body.
 */
export function returnsUrl(ctx: Pick<RequestContext, 'request' | 'body'>): boolean {
  if (ctx.request.headers.get('x-auth-return-redirect') === '1') return true
  const flag = ctx.body?.json
  return flag === 'true' || flag === true
}

/**
 * Every redirect of a request that asked for it becomes `200 { url }` with the same cookies, whichever
 * action produced it (the OAuth authorization redirect, a sign-out, an error page): the client navigates itself.
 */
export function asReturnedUrl(ctx: Pick<RequestContext, 'request' | 'body'>, res: ResponseInternal): ResponseInternal {
  if (!res.redirect || !returnsUrl(ctx)) return res
  return {
    status: 200,
    headers: { ...res.headers, 'Content-Type': 'application/json', 'Cache-Control': 'no-store' },
    body: { url: res.redirect },
    cookies: res.cookies,
  }
}
