import type { RequestContext, ResolvedConfig, ResponseInternal } from './context.js'
import type { AuthAction, AuthConfig } from './types.js'
import type { raw } from './symbols.js'
import type { Provider } from './providers/types.js'
import { resolveConfig } from './config/resolve.js'
import { publicOrigin } from './http/origin.js'
import { matchBasePath } from './http/paths.js'
import { parseCookies } from './http/cookies.js'
import { toResponse } from './http/response.js'
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
const authUrlModule = once(() => import('./diagnostics/auth-url.js'))
const returnUrlModule = once(() => import('./http/return-url.js'))
const providerSetupModule = once(() => import('./diagnostics/provider-setup.js'))
const redirectProxyModule = once(() => import('./redirect-proxy/config.js'))

/** resolveConfig() leaves preview-deployment settings to this, so their module loads only when they are set. */
async function withRedirectProxy(config: AuthConfig, options: ResolvedConfig): Promise<ResolvedConfig> {
  if (options.redirectProxy === undefined && (config.redirectProxyUrl || config.redirectProxyOrigins?.length)) {
    options.redirectProxy = (await redirectProxyModule()).resolveRedirectProxy(config, options.basePath)
  }
  return options
}

/** Resolved configs whose providers were checked for missing client ids and secrets (said once per process). */
const setupChecked = new WeakSet<ResolvedConfig>()

/** The warning for an OAuth provider without its client id or secret; its module loads only when one might lack them. */
async function checkProviderSetup(options: ResolvedConfig): Promise<void> {
  if (setupChecked.has(options)) return
  setupChecked.add(options)
  const incomplete = (p: Provider) => (p.type === 'oauth' || p.type === 'oidc') && !(p.clientId && p.clientSecret)
  if (options.providers.some(incomplete)) (await providerSetupModule()).reportProviderSetup(options.providers, options.logger)
}

/** A redirect becomes `{ url }` JSON for fetch clients that ask for it (http/return-url.ts); nothing else changes. */
async function asReturnedUrl(ctx: RequestContext, res: ResponseInternal): Promise<ResponseInternal> {
  return res.redirect ? (await returnUrlModule()).asReturnedUrl(ctx, res) : res
}

function plainError(status: number, error: string, message: string, headers: Record<string, string> = {}): Response {
  return toResponse({ status, body: { error, message }, headers: { 'Content-Type': 'application/json', 'Cache-Control': 'no-store', ...headers } })
}

/** A config that cannot be resolved: logged once, the error page for browsers, JSON for fetch clients. */
async function configFailure(error: unknown, config: AuthConfig, request?: Request): Promise<Response> {
  return (await configFailureModule()).configFailure(error, config, request)
}

function queryRecord(url: URL): Record<string, string> {
  const out: Record<string, string> = Object.create(null)
  if (url.search) for (const [k, v] of url.searchParams) if (!(k in out)) out[k] = v
  return out
}

/** `<origin><basePath>` per resolved config, for the last origin seen (one app nearly always has one). */
const authUrls = new WeakMap<ResolvedConfig, { origin: string; authUrl: string }>()

function authUrlFor(options: ResolvedConfig, origin: URL): string {
  const hit = authUrls.get(options)
  if (hit && hit.origin === origin.origin) return hit.authUrl
  // Kept a string: a URL object re-adds the '/' of an empty path, and `/` + action would double it.
  const authUrl = new URL(options.basePath || '/', origin).href.replace(/\/$/, '')
  authUrls.set(options, { origin: origin.origin, authUrl })
  return authUrl
}

/**
 * A request as routing reads it. `request()` is the Web Request itself: Auth() has it; getSession() builds its
 * /session request only if an action reads it (the JWT session check does not).
 */
export interface Incoming {
  url: string
  /** `url` parsed, when the caller has it already. */
  parsedUrl?: URL
  method: string
  headers: { get(name: string): string | null }
  request(): Request
}

/** Build the request context, or answer early (unknown route, wrong method). */
async function route(incoming: Incoming, options: ResolvedConfig): Promise<{ ctx: RequestContext; route: Route } | Response> {
  const url = incoming.parsedUrl ?? new URL(incoming.url)
  const segments = matchBasePath(url.pathname, options.basePath)
  if (!segments || segments.length === 0 || segments.length > 4) {
    return plainError(404, 'UnknownAction', `No auth route at ${url.pathname}; routes live under ${options.basePath || '/'}`)
  }
  const [action, ...rest] = segments as [string, ...string[]]
  const table = (routes as Record<string, (typeof routes)[AuthAction]>)[action]
  if (!table || !Object.hasOwn(routes, action)) {
    return plainError(404, 'UnknownAction', `Unknown auth action "${action.slice(0, 40)}"`)
  }
  const method = incoming.method.toUpperCase()
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
  if (providerId !== undefined && !entry.provider && !entry.subActions?.includes(providerId)) {
    return plainError(404, 'UnknownAction', `${action} takes no provider segment`)
  }
  const origin = publicOrigin(incoming, options, url)
  if (options.url) (await authUrlModule()).checkAuthUrlOrigin(incoming, options.url, options.logger)
  const secure = origin.protocol === 'https:'
  const authUrl = authUrlFor(options, origin)
  const ctx: RequestContext = {
    get request() {
      return incoming.request()
    },
    options,
    action: action as AuthAction,
    providerId,
    ...(subpath ? { subpath } : {}),
    method: method as 'GET' | 'POST',
    authUrl,
    origin: origin.origin,
    secure,
    cookies: options.cookiesFor(secure),
    jar: parseCookies(incoming.headers.get('cookie')),
    query: queryRecord(url),
    body: undefined,
  }
  if (providerId !== undefined && !entry.subActions) {
    ctx.provider = options.providers.find((p) => p.id === providerId)
    if (!ctx.provider) throw new InvalidProvider(`No provider with id "${providerId.slice(0, 64)}"`)
  } else if (entry.provider === 'required') {
    throw new InvalidProvider(`/${action} needs a provider id: ${options.basePath}/${action}/<provider>`)
  }
  if (method === 'POST') ctx.body = await (await bodyModule()).parseBody(incoming.request())
  return { ctx, route: entry }
}

async function handle(incoming: Incoming, config: AuthConfig): Promise<ResponseInternal | Response> {
  let options: ResolvedConfig
  try {
    options = await withRedirectProxy(config, resolveConfig(config))
  } catch (e) {
    return configFailure(e, config, incoming.request())
  }
  let routed: Awaited<ReturnType<typeof route>>
  try {
    await checkProviderSetup(options)
    routed = await route(incoming, options)
  } catch (e) {
    const early = e instanceof AuthError ? (await errorsModule()).requestError(e) : undefined
    if (early) return early
    return configFailure(e, config, incoming.request())
  }
  if (routed instanceof Response) return routed
  const { ctx, route: entry } = routed
  try {
    if (entry.csrf) await (await csrfModule()).verifyCsrf(ctx)
    return await asReturnedUrl(ctx, await entry.handler(ctx))
  } catch (e) {
    return await asReturnedUrl(ctx, (await errorsModule()).errorResponse(ctx, e, entry.errors))
  }
}

/**
 * What Auth() answers, before it becomes a Response: a ResponseInternal from an action, or a Response for
 * early answers (unknown route, configuration failure). `getSession()` reads the session from it without
 * a JSON round trip through a Response body.
 */
export async function authResult(input: Request | Incoming, config: AuthConfig): Promise<ResponseInternal | Response> {
  const incoming: Incoming =
    typeof (input as Incoming).request === 'function'
      ? (input as Incoming)
      : { url: input.url, method: input.method, headers: input.headers, request: () => input as Request }
  try {
    return await handle(incoming, config)
  } catch (e) {
    // Unreachable by design; the last line of defence against an unhandled rejection.
    return configFailure(e instanceof InvalidRequest ? e : new UnknownAction('Unexpected failure', { cause: e }), config, incoming.request())
  }
}

/**
 * Latch's single entry point: a pure function from a Web Request to a Web Response.
 * It never mutates `config`; resolve it once and reuse the object for best performance.
 */
export async function Auth(request: Request, config: AuthConfig & { raw: typeof raw }): Promise<ResponseInternal>
export async function Auth(request: Request, config: AuthConfig): Promise<Response>
export async function Auth(request: Request, config: AuthConfig): Promise<Response | ResponseInternal> {
  const result = await authResult(request, config)
  if (config.raw) {
    if (result instanceof Response) return { status: result.status, body: await result.text(), headers: Object.fromEntries(result.headers) }
    return result
  }
  return result instanceof Response ? result : toResponse(result)
}
