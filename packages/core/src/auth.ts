import type { RequestContext, ResolvedConfig, ResponseInternal } from './context.js'
import type { AuthAction, AuthConfig } from './types.js'
import type { raw } from './symbols.js'
import { resolveConfig } from './config/resolve.js'
import { publicOrigin } from './http/origin.js'
import { matchBasePath } from './http/paths.js'
import { parseCookies } from './http/cookies.js'
import { toResponse } from './http/response.js'
import { asReturnedUrl } from './http/return-url.js'
import { checkAuthUrlOrigin } from './diagnostics/auth-url.js'
import { routes, type Route } from './actions/table.js'
import { AuthError, InvalidProvider, InvalidRequest, UnknownAction } from './errors.js'

/** Memoised dynamic import: modules off the session path (POST bodies, CSRF checks, error rendering) load on first use. */
function once<M>(load: () => Promise<M>): () => Promise<M> {
  let p: Promise<M> | undefined
  return () =>
    (p ??= load().catch((e) => {
      p = undefined
      throw e
    }))
}
const bodyModule = once(() => import('./http/body.js'))
const csrfModule = once(() => import('./actions/csrf.js'))
const errorsModule = once(() => import('./http/errors.js'))
const configFailureModule = once(() => import('./diagnostics/config-failure.js'))

function plainError(status: number, error: string, message: string, headers: Record<string, string> = {}): Response {
  return toResponse({ status, body: { error, message }, headers: { 'Content-Type': 'application/json', 'Cache-Control': 'no-store', ...headers } })
}

/** A config that cannot be resolved: logged once, the error page for browsers, JSON for fetch clients. */
async function configFailure(error: unknown, config: AuthConfig, request?: Request): Promise<Response> {
  return (await configFailureModule()).configFailure(error, config, request)
}

function queryRecord(url: URL): Record<string, string> {
  const out: Record<string, string> = Object.create(null)
  for (const [k, v] of url.searchParams) if (!(k in out)) out[k] = v
  return out
}

/** Build the request context, or answer early (unknown route, wrong method). */
async function route(request: Request, options: ResolvedConfig): Promise<{ ctx: RequestContext; route: Route } | Response> {
  const url = new URL(request.url)
  const segments = matchBasePath(url.pathname, options.basePath)
  if (!segments || segments.length === 0 || segments.length > 4) {
    return plainError(404, 'UnknownAction', `No auth route at ${url.pathname}; routes live under ${options.basePath || '/'}`)
  }
  const [action, ...rest] = segments as [string, ...string[]]
  const table = (routes as Record<string, (typeof routes)[AuthAction]>)[action]
  if (!table || !Object.hasOwn(routes, action)) {
    return plainError(404, 'UnknownAction', `Unknown auth action "${action.slice(0, 40)}"`)
  }
  const method = request.method.toUpperCase()
  const entry = method === 'GET' || method === 'POST' ? table[method] : undefined
  if (!entry) {
    const allow = Object.keys(table).join(', ')
    return plainError(405, 'UnknownAction', `${action} does not accept ${method.slice(0, 10)}; use ${allow}`, { Allow: allow })
  }
  // A route with sub-paths (account/…) reads them itself; any other route takes at most a provider segment.
  const subpath = entry.subpath ? rest : undefined
  const providerId = entry.subpath ? undefined : rest[0]
  if (!entry.subpath && rest.length > 1) {
    return plainError(404, 'UnknownAction', `No auth route at ${url.pathname}; routes live under ${options.basePath || '/'}`)
  }
  if (providerId !== undefined && !entry.provider) {
    return plainError(404, 'UnknownAction', `${action} takes no provider segment`)
  }
  const origin = publicOrigin(request, options)
  if (options.url) checkAuthUrlOrigin(request, options.url, options.logger)
  const secure = origin.protocol === 'https:'
  // Kept a string: a URL object re-adds the '/' of an empty path, and `/` + action would double it.
  const authUrl = new URL(options.basePath || '/', origin).href.replace(/\/$/, '')
  const ctx: RequestContext = {
    request,
    options,
    action: action as AuthAction,
    providerId,
    ...(subpath ? { subpath } : {}),
    method: method as 'GET' | 'POST',
    authUrl,
    origin: origin.origin,
    secure,
    cookies: options.cookiesFor(secure),
    jar: parseCookies(request.headers.get('cookie')),
    query: queryRecord(url),
    body: undefined,
  }
  if (providerId !== undefined) {
    ctx.provider = options.providers.find((p) => p.id === providerId)
    if (!ctx.provider) throw new InvalidProvider(`No provider with id "${providerId.slice(0, 64)}"`)
  } else if (entry.provider === 'required') {
    throw new InvalidProvider(`/${action} needs a provider id: ${options.basePath}/${action}/<provider>`)
  }
  if (method === 'POST') ctx.body = await (await bodyModule()).parseBody(request)
  return { ctx, route: entry }
}

async function handle(request: Request, config: AuthConfig): Promise<ResponseInternal | Response> {
  let options: ResolvedConfig
  try {
    options = resolveConfig(config)
  } catch (e) {
    return configFailure(e, config, request)
  }
  let routed: Awaited<ReturnType<typeof route>>
  try {
    routed = await route(request, options)
  } catch (e) {
    const early = e instanceof AuthError ? (await errorsModule()).requestError(e) : undefined
    if (early) return early
    return configFailure(e, config, request)
  }
  if (routed instanceof Response) return routed
  const { ctx, route: entry } = routed
  try {
    if (entry.csrf) await (await csrfModule()).verifyCsrf(ctx)
    return asReturnedUrl(ctx, await entry.handler(ctx))
  } catch (e) {
    return asReturnedUrl(ctx, (await errorsModule()).errorResponse(ctx, e, entry.errors))
  }
}

/**
 * Latch's single entry point: a pure function from a Web Request to a Web Response.
 * It never mutates `config`; resolve it once and reuse the object for best performance.
 */
export async function Auth(request: Request, config: AuthConfig & { raw: typeof raw }): Promise<ResponseInternal>
export async function Auth(request: Request, config: AuthConfig): Promise<Response>
export async function Auth(request: Request, config: AuthConfig): Promise<Response | ResponseInternal> {
  let result: ResponseInternal | Response
  try {
    result = await handle(request, config)
  } catch (e) {
    // Unreachable by design; the last line of defence against an unhandled rejection.
    result = await configFailure(e instanceof InvalidRequest ? e : new UnknownAction('Unexpected failure', { cause: e }), config, request)
  }
  if (config.raw) {
    if (result instanceof Response) return { status: result.status, body: await result.text(), headers: Object.fromEntries(result.headers) }
    return result
  }
  return result instanceof Response ? result : toResponse(result)
}
