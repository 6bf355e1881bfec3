import type { RequestContext, ResponseInternal } from '../context.js'
import type { Cookie } from '../http/cookies.js'
import { returnsUrl } from '../http/return-url.js'
import { json, NO_STORE } from '../http/response.js'
import { errorResponse } from '../http/errors.js'

/** A fetch client (JSON answers): it asked for `{ url }` redirects, or does not accept HTML. */
export function wantsJson(ctx: RequestContext): boolean {
  return returnsUrl(ctx) || !(ctx.request.headers.get('accept') ?? '').includes('text/html')
}

export function jsonOut(body: unknown, cookies: Cookie[] = [], status = 200): ResponseInternal {
  return json(body, status, { headers: NO_STORE, cookies })
}

export function pageOut(page: { body: string; headers: Record<string, string> }, cookies: Cookie[] = [], status = 200): ResponseInternal {
  return { status, headers: page.headers, body: page.body, cookies }
}

/** Errors as JSON for fetch clients (the route's error mode is the page one, for the built-in forms). */
export async function jsonErrors(ctx: RequestContext, run: () => Promise<ResponseInternal>): Promise<ResponseInternal> {
  try {
    return await run()
  } catch (e) {
    if (wantsJson(ctx) && !returnsUrl(ctx)) return errorResponse(ctx, e, 'json')
    throw e
  }
}
