/**
 * Latch for Express 5.
 *
 *   app.set('trust proxy', 'loopback')              // only behind a proxy you control
 *   app.use('/auth', ExpressAuth(config))
 *   app.get('/api/me', requireAuth(config), (req, res) => res.json(res.locals.session))
 *
 * Proxies: Express's `trust proxy` setting decides. The Request handed to the core is built from the host and
 * scheme Express would give (`req.host` / `req.protocol`, which honour `trust proxy`), but a list in
 * X-Forwarded-Host/Proto is read by the core's rule (its last entry, the one the trusted proxy appended), not
 * Express's (the first, which the client chose). X-Forwarded-Host/Proto are then removed, so a client can never
 * smuggle a host past an Express app that does not trust a proxy.
 */
import type { NextFunction, Request as ExpressRequest, RequestHandler, Response as ExpressResponse } from 'express'
import { Readable } from 'node:stream'
import { pipeline } from 'node:stream/promises'
import { Auth, setClientAddress, applyEnv, authBasePath, checkSession, forwardedHost, forwardedProto, signInRedirect, type AuthConfig, type Session } from '@latch/core'
import { accountFor, type AccountHelpers } from '@latch/core/account'
import { requestBody } from './body.js'
import { markResponse } from './harden.js'

export type { AuthConfig, Session, DefaultSession, User, DefaultUser, Account, Profile, JWT, DefaultJWT } from '@latch/core'
/** Auth.js's name for the config of `ExpressAuth`. */
export type ExpressAuthConfig = AuthConfig

const HOST_RE = /^(\[[0-9A-Fa-f:.]+\]|[A-Za-z0-9.-]+)(:[0-9]{1,5})?$/
const DROPPED = new Set(['x-forwarded-host', 'x-forwarded-proto', 'x-forwarded-port', 'forwarded', 'host'])

class BadRequest extends Error {
  readonly status = 400
}

/** Per user config: the env-applied config per proxy trust and mount path (cached for the core). */
const variants = new WeakMap<AuthConfig, Map<string, AuthConfig>>()
/** Per app and user config: the path ExpressAuth was last seen mounted on, for getSession and requireAuth. */
const mounts = new WeakMap<object, WeakMap<AuthConfig, string>>()

/**
 * The mount path as the core sees it. Express matches mount paths case-insensitively unless the app sets
 * `case sensitive routing`, so `/auth` and `/AUTH` both reach ExpressAuth; they are one mount, given one
 * spelling, so that they share one config (and with it the core's default rate-limit store and caches).
 */
function mountOf(req: ExpressRequest): string {
  return req.app?.get('case sensitive routing') ? req.baseUrl : req.baseUrl.toLowerCase()
}

/**
 * The config for the core. ExpressAuth passes its mount path and it is remembered; the session helpers use
 * the remembered one, so they share ExpressAuth's config and send browsers under its mount path.
 */
function configFor(config: AuthConfig, req: ExpressRequest, mountPath?: string): AuthConfig {
  if (req.app) {
    let seen = mounts.get(req.app)
    if (!seen) mounts.set(req.app, (seen = new WeakMap()))
    if (mountPath === undefined) mountPath = seen.get(config)
    else seen.set(config, mountPath)
  }
  let map = variants.get(config)
  if (!map) variants.set(config, (map = new Map()))
  const trustsProxy = Boolean(req.app?.get('trust proxy'))
  // The mount path only matters when it becomes the base path.
  const base = mountPath && config.basePath === undefined ? mountPath : ''
  const key = `${trustsProxy}|${base}`
  let out = map.get(key)
  if (!out) {
    out = applyEnv(config, process.env)
    // `trust proxy` means a proxy we trust set the host: then req.host is as good as AUTH_URL.
    if (trustsProxy && out.trustHost === undefined) out = { ...out, trustHost: true }
    if (base && !out.url) out = { ...out, basePath: base }
    map.set(key, out)
  }
  return out
}

/**
 * Host and scheme as `req.host` / `req.protocol` would give them (honouring `trust proxy`), except for lists:
 * Express takes the FIRST entry of X-Forwarded-Host/Proto, which is what the client sent to an appending proxy.
 * The core's one rule applies instead: the last entry, the one the trusted proxy added.
 */
function publicHostOf(req: ExpressRequest): { host: string | undefined; protocol: string } {
  const trust = req.app?.get('trust proxy fn') as ((addr: string | undefined, i: number) => boolean) | undefined
  const direct = (req.socket as { encrypted?: boolean } | undefined)?.encrypted ? 'https' : 'http'
  if (typeof trust !== 'function' || !trust(req.socket?.remoteAddress, 0)) return { host: req.get('host'), protocol: direct }
  const xfh = req.get('x-forwarded-host')
  // A trusted proxy's list whose last entry is not a host: refused below, never its first entry.
  const host = xfh ? forwardedHost(xfh) : req.get('host')
  const xfp = req.get('x-forwarded-proto')
  return { host, protocol: xfp ? (forwardedProto(xfp) ?? direct) : direct }
}

/**
 * The public URL of the request as Express sees it (honours `trust proxy`), with the mount path spelled as
 * `mountPath` when given (see mountOf).
 */
function requestUrl(req: ExpressRequest, mountPath?: string): URL {
  const { host, protocol } = publicHostOf(req)
  if (!host || !HOST_RE.test(host)) throw new BadRequest('Missing or malformed Host header')
  const path =
    mountPath !== undefined && req.originalUrl.startsWith(req.baseUrl) ? mountPath + req.originalUrl.slice(req.baseUrl.length) : req.originalUrl
  try {
    return new URL(`${protocol}://${host}${path}`)
  } catch {
    throw new BadRequest('Malformed request URL')
  }
}

function requestHeaders(req: ExpressRequest): Headers {
  const headers = new Headers()
  for (const [name, value] of Object.entries(req.headers)) {
    if (value === undefined || DROPPED.has(name) || name.startsWith(':')) continue
    if (Array.isArray(value)) for (const v of value) headers.append(name, v)
    else headers.set(name, value)
  }
  return headers
}

/** A Web Request for the core: streamed body, or the body a body parser already read, re-encoded once. */
function toWebRequest(req: ExpressRequest, withBody = true, mountPath?: string): Request {
  const url = requestUrl(req, mountPath)
  const headers = requestHeaders(req)
  const method = req.method.toUpperCase()
  if (!withBody || method === 'GET' || method === 'HEAD') return new Request(url, { method: withBody ? method : 'GET', headers })
  const body = requestBody(req, headers)
  return new Request(url, { method, headers, body, duplex: 'half' } as RequestInit)
}

/** Write a Web Response to Express: status, headers, one Set-Cookie header per cookie, streamed body. */
async function sendWebResponse(res: ExpressResponse, response: Response): Promise<void> {
  res.status(response.status)
  for (const [name, value] of response.headers) if (name !== 'set-cookie') res.setHeader(name, value)
  for (const cookie of response.headers.getSetCookie()) res.append('Set-Cookie', cookie)
  if (!response.body) return void res.end()
  await pipeline(Readable.fromWeb(response.body as import('node:stream/web').ReadableStream), res)
}

function fail(res: ExpressResponse, next: NextFunction, error: unknown) {
  if (error instanceof BadRequest && !res.headersSent) {
    markResponse(res, { produced: true })
    res.status(400).json({ error: 'InvalidRequest', message: error.message })
    return
  }
  next(error)
}

/** Serve the auth routes. Mount on the base path: `app.use('/auth', ExpressAuth(config))`. */
export function ExpressAuth(config: AuthConfig): RequestHandler {
  return async (req, res, next) => {
    try {
      // req.ip honours `trust proxy`; the core's rate limiter keys on it.
      const mountPath = mountOf(req)
      const request = setClientAddress(toWebRequest(req, true, mountPath), req.ip ?? req.socket?.remoteAddress)
      const response = await Auth(request, configFor(config, req, mountPath))
      await sendWebResponse(res, response)
    } catch (error) {
      fail(res, next, error)
    }
  }
}

/**
 * The session of an Express request, or null (fails closed). Pass `res` to also send the re-issued session
 * cookie (sliding expiry) or the clearing of a bad one; `requireAuth()` does.
 */
export async function getSession(req: ExpressRequest, config: AuthConfig, res?: ExpressResponse): Promise<Session | null> {
  return (await checkSessionFor(req, config, res)).session
}

async function checkSessionFor(req: ExpressRequest, config: AuthConfig, res?: ExpressResponse) {
  const check = await checkSession(toWebRequest(req, false), configFor(config, req))
  const { session, setCookies } = check
  if (res && !res.headersSent) {
    for (const cookie of setCookies) res.append('Set-Cookie', cookie)
    // A response rendered with the session, or carrying its cookie, is personal (src/harden.ts).
    markResponse(res, { cookies: setCookies.length > 0, session: session !== null })
  }
  return check
}

export interface RequireAuthOptions {
  /** Where signed-out browsers go. Default `<basePath>/signin`. */
  signInPath?: string
  /**
   * The routes behind this middleware serve the same content to every signed-in user and may be stored by a
   * shared cache: Latch then adds no `Cache-Control: private, no-store` / `Vary: Cookie` for the session alone.
   * A response that carries a re-issued or cleared session cookie is still `no-store`. Default false.
   */
  allowSharedCache?: boolean
}

declare global {
  // eslint-disable-next-line @typescript-eslint/no-namespace
  namespace Express {
    interface Locals {
      session?: Session
    }
  }
}

/**
 * Only signed-in requests pass; the session is on `res.locals.session`. Signed-out requests get
 * 401 JSON, or a redirect to the sign-in page when they are GETs from a browser asking for HTML. While the session
 * store is down: 503 JSON with Retry-After (browsers: the error page, which answers the same), never a 401.
 */
export function requireAuth(config: AuthConfig, options: RequireAuthOptions = {}): RequestHandler {
  return async (req, res, next) => {
    let check: Awaited<ReturnType<typeof checkSession>>
    try {
      check = await checkSessionFor(req, config, res)
    } catch (error) {
      return fail(res, next, error)
    }
    const { session, unavailable } = check
    if (unavailable) {
      // The store is down: the user may be signed in. Not a 401 (clients would drop the session): 503, retry later.
      markResponse(res, { produced: true })
      res.set('Retry-After', unavailable.retryAfter)
      if (req.method === 'GET' && req.accepts(['json', 'html']) === 'html') {
        return res.redirect(302, `${authBasePath(configFor(config, req))}/error?error=StoreUnavailable`)
      }
      return res.status(503).json({ error: 'StoreUnavailable', message: 'The session store is not answering; try again shortly' })
    }
    if (session) {
      if (options.allowSharedCache) markResponse(res, { allowSharedCache: true })
      res.locals.session = session
      return next()
    }
    markResponse(res, { produced: true })
    if (req.method === 'GET' && req.accepts(['json', 'html']) === 'html') {
      const fallback = `${authBasePath(configFor(config, req))}/signin`
      let location: string
      try {
        // The core's redirect check builds it: a requested path like `//evil.com/..` is not a callbackUrl.
        const here = requestUrl(req)
        location = signInRedirect(options.signInPath ?? fallback, here.pathname + here.search, here.href, fallback)
      } catch (error) {
        return fail(res, next, error)
      }
      return res.redirect(302, location)
    }
    res.status(401).json({ error: 'Unauthorized', message: 'Sign in to access this resource' })
  }
}

/**
 * Account management for the signed-in user of `req` (@latch/core/account): `get()`, `listAccounts()`,
 * `link(provider)`, `unlink({ provider })`, `changeEmail(email)`, `delete()`, `sessions()`, `revokeSession(id)`,
 * `revokeOtherSessions()`. The account routes' rules apply (recent sign-in for the sensitive ones), except CSRF:
 * protect the route you call these from. Cookies they set (a deletion clears the session) go on `res`.
 */
export function accountOf(req: ExpressRequest, res: ExpressResponse, config: AuthConfig): AccountHelpers {
  // What the helpers return is the user's own: the response is personal (src/harden.ts).
  markResponse(res, { session: true })
  return accountFor(toWebRequest(req, false), configFor(config, req), (lines) => {
    if (res.headersSent) return
    for (const line of lines) res.append('Set-Cookie', line)
    markResponse(res, { cookies: true })
  })
}
