import { forwardedHost, forwardedProto, hardenHeaders, hardenResponse, signInRedirect, type Awaitable, type Session } from '@latch/core'
import { requestHeaders } from './next-request.js'
import type { NextRequest } from 'next/server'
import type { ConfigResolver, Prepared } from './config.js'
import { rawSessionOf, sessionOf } from './session.js'
import { setCookies } from './next-cookies.js'
import { nextResponse, redirectResponse } from './responses.js'

/** A request with its session, as seen by `auth((req) => ...)`. */
export type NextAuthRequest = NextRequest & { auth: Session | null }

/** The Node request of the pages router (`NextApiRequest`, `ctx.req` of getServerSideProps). */
export interface NodeRequestLike {
  headers: Record<string, string | string[] | undefined>
  url?: string
}
/** The Node response of the pages router (`NextApiResponse`, `ctx.res`). */
export interface NodeResponseLike {
  getHeader(name: string): number | string | string[] | undefined
  setHeader(name: string, value: number | string | readonly string[]): unknown
}

export type AuthHandler<C = any> = (request: NextAuthRequest, context: C) => Awaitable<Response | void | undefined | null>
export type WrappedHandler<C = any> = (request: NextRequest, context: C) => Promise<Response>

export interface AuthFunction {
  /** Server components, server actions, route handlers: reads the request through `await requestHeaders()`. */
  (): Promise<Session | null>
  /** Wrap a route handler or a proxy/middleware function: `req.auth` is the session. */
  <C = any>(handler: AuthHandler<C>): WrappedHandler<C>
  /** Use as `proxy.ts` / `middleware.ts` itself: `export { auth as proxy }`. */
  (request: NextRequest, event?: unknown): Promise<Response>
  /** `getServerSideProps(ctx)`. */
  (context: { req: NodeRequestLike; res: NodeResponseLike }): Promise<Session | null>
  /** Pages-router API routes: `auth(req, res)`. */
  (req: NodeRequestLike, res: NodeResponseLike): Promise<Session | null>
}

function isWebRequest(x: unknown): x is NextRequest {
  return x instanceof Request || (!!x && typeof (x as Request).headers?.get === 'function' && typeof (x as Request).url === 'string')
}

/** Append Set-Cookie values, copying the Response when its headers are immutable (Response.redirect). */
function withCookies(res: Response, cookies: string[]): Response {
  if (!cookies.length) return res
  let out = res
  try {
    for (const c of cookies) out.headers.append('set-cookie', c)
  } catch {
    out = new Response(res.body, res)
    for (const c of cookies) out.headers.append('set-cookie', c)
  }
  return out
}

/** The public origin for URLs shown to the browser: AUTH_URL, forwarded headers with trustHost, else the request's. */
function publicOrigin(p: Prepared, request: NextRequest): string {
  if (p.origin) return p.origin
  const url = new URL(request.url)
  if (p.config.trustHost) {
    // The core's one rule for proxy lists: the last entry, the one the nearest proxy appended.
    const host = forwardedHost(request.headers.get('x-forwarded-host')) ?? forwardedHost(request.headers.get('host'))
    const proto = forwardedProto(request.headers.get('x-forwarded-proto'))
    if (host) return `${proto ?? url.protocol.slice(0, -1)}://${host}`
  }
  return url.origin
}

function isUnder(pathname: string, base: string): boolean {
  return pathname === base || pathname.startsWith(base.endsWith('/') ? base : `${base}/`)
}

/** A refused request while the session store is down: the error page for browsers' page loads, else 503 JSON. */
function storeUnavailable(request: Request, errorPage: string, retryAfter: string): Response {
  const html = request.method === 'GET' && (request.headers.get('accept') ?? '').includes('text/html')
  const res = html
    ? new Response(null, { status: 302, headers: { Location: errorPage } })
    : Response.json({ error: 'StoreUnavailable', message: 'The session store is not answering; try again shortly' }, { status: 503 })
  res.headers.set('Retry-After', retryAfter)
  return res
}

/** proxy.ts / middleware.ts: session, `authorized`, sign-in redirect, then the user's function if any. */
async function middleware(p: Prepared, request: NextRequest, event: unknown, fn?: AuthHandler): Promise<Response> {
  const origin = publicOrigin(p, request)
  const { session, setCookies: cookies, unavailable } = await sessionOf(p, request.headers, origin)
  const url = new URL(request.url)
  let response: Response | undefined | null | void
  let refused = false
  // The auth routes and the sign-in page always pass: refusing them would loop.
  const signIn = new URL(p.signInPage, origin)
  const open = (p.basePath !== '' && isUnder(url.pathname, p.basePath)) || url.pathname === signIn.pathname
  if (!open && p.authorized) {
    const verdict = await p.authorized({ request, auth: session })
    if (verdict instanceof Response) response = verdict
    // The core's redirect check builds the callbackUrl: a path like `//evil.com/..` never passes through as is.
    else if (!verdict) {
      // The store is down: the user may be signed in. Not the sign-in page (it would tell them they are signed
      // out): 503 with Retry-After, browsers to the error page (which answers the same).
      response = unavailable
        ? storeUnavailable(request, `${origin}${p.basePath}/error?error=StoreUnavailable`, unavailable.retryAfter)
        : redirectResponse(signInRedirect(signIn.href, `${origin}${url.pathname}${url.search}`, origin, `${p.basePath}/signin`))
      refused = true
    }
  }
  if (!response && fn) {
    ;(request as NextAuthRequest).auth = session
    response = await fn(request as NextAuthRequest, event)
  }
  // Next merges the headers of the pass-through answer into the page's (src/http/harden.ts in the core).
  return hardenResponse(withCookies(response ?? nextResponse(), cookies), {
    cookies: cookies.length > 0,
    session: session !== null && !refused,
    produced: refused,
    allowSharedCache: p.allowSharedCache?.(request),
  })
}

/** A route handler wrapped by `auth(handler)`: no `authorized` check, just `req.auth`. */
async function routeHandler(p: Prepared, request: NextRequest, context: unknown, fn: AuthHandler): Promise<Response> {
  const { session, setCookies: cookies } = await sessionOf(p, request.headers, publicOrigin(p, request))
  ;(request as NextAuthRequest).auth = session
  const res = await fn(request as NextAuthRequest, context)
  if (!res) throw new Error('@latch/next: a route handler wrapped with auth() must return a Response')
  const facts = { cookies: cookies.length > 0, session: session !== null, allowSharedCache: p.allowSharedCache?.(request) }
  return hardenResponse(withCookies(res, cookies), facts)
}

function appendNodeCookies(res: NodeResponseLike, cookies: string[], session: boolean): void {
  if (cookies.length) {
    const prev = res.getHeader('set-cookie')
    const list = prev === undefined ? [] : Array.isArray(prev) ? prev : [String(prev)]
    res.setHeader('set-cookie', [...list, ...cookies])
  }
  const header = (name: string) => {
    const v = res.getHeader(name)
    return v === undefined ? null : Array.isArray(v) ? v.join(', ') : String(v)
  }
  hardenHeaders({ get: header, set: (name: string, value: string) => void res.setHeader(name, value) }, { cookies: cookies.length > 0, session })
}

/** Build `auth` for a config resolver. */
export function createAuth(resolve: ConfigResolver): AuthFunction {
  async function nodeSession(req: NodeRequestLike, res: NodeResponseLike | undefined): Promise<Session | null> {
    const p = await resolve(undefined)
    const { session, setCookies: cookies } = await sessionOf(p, req.headers)
    if (res) appendNodeCookies(res, cookies, session !== null)
    return session
  }

  function auth(...args: unknown[]): unknown {
    const [first, second] = args
    if (first === undefined) {
      return (async () => {
        const h = await requestHeaders()
        const p = await resolve(undefined)
        const { session, cookies } = await rawSessionOf(p, h)
        await setCookies(cookies, false)
        return session
      })()
    }
    if (typeof first === 'function') {
      const fn = first as AuthHandler
      return async (request: NextRequest, context: unknown) => {
        const p = await resolve(request)
        // A route handler's context has `params`; proxy/middleware get a NextFetchEvent (or nothing in tests).
        const isMiddleware = !context || typeof (context as { waitUntil?: unknown }).waitUntil === 'function'
        return isMiddleware ? middleware(p, request, context, fn) : routeHandler(p, request, context, fn)
      }
    }
    if (isWebRequest(first)) return resolve(first).then((p) => middleware(p, first, second))
    if (first && typeof first === 'object' && 'req' in first && 'res' in first) {
      const ctx = first as { req: NodeRequestLike; res: NodeResponseLike }
      return nodeSession(ctx.req, ctx.res)
    }
    if (first && typeof first === 'object' && 'headers' in first) {
      return nodeSession(first as NodeRequestLike, second as NodeResponseLike | undefined)
    }
    throw new TypeError('@latch/next: auth() takes no argument, a handler, a request, (req, res) or a getServerSideProps context')
  }
  return auth as AuthFunction
}
