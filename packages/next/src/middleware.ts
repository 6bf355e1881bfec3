/**
 * NextAuth v4's `withAuth` middleware, token based (no config object needed):
 *
 *   export { default } from '@latch/next/middleware'             // every matched page needs a session
 *   export default withAuth((req) => { ... req.nextauth.token ... }, { callbacks: { authorized: ({ token }) => token?.role === 'admin' } })
 *
 * Works as Next 16 `proxy.ts` (`export const proxy = withAuth(...)`) and Next 15 `middleware.ts`.
 */
import type { Awaitable } from '@latch/core'
import { signInRedirect } from '@latch/core/redirect'
import type { NextFetchEvent, NextRequest, NextResponse } from 'next/server'
import type { JWT } from './jwt.js'
import { defaultBasePath, envSecret, nextEnv, parseAuthUrl } from './lib/config.js'
import { redirectResponse } from './lib/responses.js'
import { tokenFromEnv, type NextGetTokenParams } from './lib/token.js'

export type { JWT }

export interface WithAuthOptions {
  pages?: { signIn?: string; error?: string }
  cookies?: { sessionToken?: { name?: string } }
  jwt?: { decode?: (params: { token?: string; secret: string | string[]; salt: string }) => Awaitable<JWT | null> }
  callbacks?: {
    /** Default: signed in (`!!token`). */
    authorized?: (params: { token: JWT | null; req: NextRequest }) => Awaitable<boolean>
  }
  /** Default AUTH_SECRET (AUTH_SECRET_1..3 rotate), else NEXTAUTH_SECRET. */
  secret?: string | string[]
}

export type NextRequestWithAuth = NextRequest & { nextauth: { token: JWT | null } }
type MiddlewareResult = Response | NextResponse | null | undefined | void
export type NextMiddlewareWithAuth = (request: NextRequestWithAuth, event: NextFetchEvent) => Awaitable<MiddlewareResult>
export type NextMiddleware = (request: NextRequest, event: NextFetchEvent) => Promise<MiddlewareResult>

const PUBLIC_PREFIXES = ['/_next', '/favicon.ico']
/** withAuth without a secret says so once per process (the error page it redirects to names AUTH_SECRET). */
let saidNoSecret = false

async function handle(req: NextRequest, event: NextFetchEvent, options: WithAuthOptions, fn?: NextMiddlewareWithAuth): Promise<MiddlewareResult> {
  const env = nextEnv()
  const { pathname, search } = req.nextUrl
  const nextBase = req.nextUrl.basePath ?? ''
  const authUrl = parseAuthUrl(env.AUTH_URL)
  const origin = authUrl?.origin ?? req.nextUrl.origin
  // Only trailing slashes are stripped (a path of nothing else is the default); doubled ones stay, unlike the route handler's basePath.
  const authPath = defaultBasePath(authUrl).replace(/\/+$/, '') || '/api/auth'
  const signInPage = options.pages?.signIn ?? `${authPath}/signin`
  const errorPage = options.pages?.error ?? `${authPath}/error`
  // Never guard the auth routes or the pages that sign in: that would loop.
  if (pathname === authPath || pathname.startsWith(`${authPath}/`) || pathname === signInPage || pathname === errorPage) return
  if (PUBLIC_PREFIXES.some((p) => pathname.startsWith(p))) return

  const secret = options.secret ?? envSecret(env)
  if (!secret) {
    // Once per process, not per request: the error page says the rest to every visitor.
    if (!saidNoSecret) console.error('[latch][error] MissingSecret: withAuth has no secret; set AUTH_SECRET or pass { secret }')
    saidNoSecret = true
    const url = new URL(`${nextBase}${errorPage}`, origin)
    url.searchParams.set('error', 'Configuration')
    return redirectResponse(url)
  }
  const token = await tokenFromEnv(
    {
      req,
      secret,
      cookieName: options.cookies?.sessionToken?.name,
      decode: options.jwt?.decode as NextGetTokenParams['decode'],
      legacy: true,
    },
    env,
  )
  let ok = false
  try {
    ok = Boolean(await (options.callbacks?.authorized ?? (({ token: t }) => !!t))({ token, req }))
  } catch (e) {
    console.error('[latch][error] withAuth: callbacks.authorized threw', e)
    ok = false // fail closed
  }
  if (!ok) {
    // The core's redirect check builds the callbackUrl: a path like `//evil.com/..` never passes through as is.
    const page = new URL(`${nextBase}${signInPage}`, origin).href
    return redirectResponse(signInRedirect(page, `${nextBase}${pathname}${search}`, origin, `${nextBase}${authPath}/signin`))
  }
  if (!fn) return
  ;(req as NextRequestWithAuth).nextauth = { token }
  return fn(req as NextRequestWithAuth, event)
}

/** Use directly as the middleware, or with your own function and/or options. */
export function withAuth(req: NextRequest, event: NextFetchEvent): Promise<MiddlewareResult>
export function withAuth(middleware: NextMiddlewareWithAuth, options?: WithAuthOptions): NextMiddleware
export function withAuth(options?: WithAuthOptions): NextMiddleware
export function withAuth(...args: unknown[]): unknown {
  const [first, second] = args
  if (first instanceof Request || (first && typeof (first as Request).headers?.get === 'function' && 'nextUrl' in (first as object))) {
    return handle(first as NextRequest, second as NextFetchEvent, {})
  }
  if (typeof first === 'function') {
    const options = (second as WithAuthOptions | undefined) ?? {}
    return (req: NextRequest, event: NextFetchEvent) => handle(req, event, options, first as NextMiddlewareWithAuth)
  }
  const options = (first as WithAuthOptions | undefined) ?? {}
  return (req: NextRequest, event: NextFetchEvent) => handle(req, event, options)
}

export default withAuth
