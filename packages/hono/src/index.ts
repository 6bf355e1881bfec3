/**
 * Latch for Hono 4. Runs wherever Hono runs (Node, Workers, Deno, Bun): it only touches `c.req.raw`.
 *
 *   app.use('*', initAuthConfig((c) => ({ providers: [...] })))
 *   app.use('/auth/*', authHandler())
 *   app.get('/api/me', verifyAuth(), (c) => c.json(c.get('authUser').session))
 */
import type { Context, MiddlewareHandler } from 'hono'
import { env } from 'hono/adapter'
import { Auth, applyEnv, authBasePath, checkSession, setClientAddress, setWaitUntil, signInRedirect, type AuthConfig, type Session } from '@latch/core'
import { hardenContext, markResponse } from './harden.js'

import { accountFor, type AccountHelpers } from '@latch/core/account'
export type { AccountHelpers } from '@latch/core/account'
export type { AuthConfig, Session, DefaultSession, User, DefaultUser, Account, Profile, JWT, DefaultJWT } from '@latch/core'

export interface AuthUser {
  session: Session
  user?: Session['user']
}

declare module 'hono' {
  interface ContextVariableMap {
    authConfig: AuthConfig
    authUser: AuthUser
    /** Set-Cookie values from the session check (sliding expiry), for verifyAuth to make sure they go out. */
    authSetCookies: string[]
  }
}

export type ConfigHandler = (c: Context) => AuthConfig | Promise<AuthConfig>

/** Config objects with the environment applied, per user config object (keeps core's per-config cache warm). */
const withEnv = new WeakMap<AuthConfig, AuthConfig>()

function stringEnv(c: Context): Record<string, string | undefined> {
  const out: Record<string, string | undefined> = {}
  let vars: Record<string, unknown> = {}
  try {
    vars = env(c) ?? {}
  } catch {
    // a runtime hono/adapter does not know: config only
  }
  for (const [k, v] of Object.entries(vars)) if (typeof v === 'string' && k.startsWith('AUTH_')) out[k] = v
  return out
}

/**
 * Set the config for the request. The callback receives the Context, so secrets can come from
 * `c.env` on Workers; `AUTH_*` variables from `env(c)` fill whatever the config leaves out.
 * Forwarded headers are trusted only with `trustHost: true` / `AUTH_TRUST_HOST=true`.
 */
export function initAuthConfig(cb: ConfigHandler): MiddlewareHandler {
  return async (c, next) => {
    const config = await cb(c)
    let resolved = withEnv.get(config)
    if (!resolved) {
      resolved = applyEnv(config, stringEnv(c))
      withEnv.set(config, resolved)
    }
    c.set('authConfig', resolved)
    await next()
    // Wraps every route: responses the session made personal, or that carry Latch's cookies (src/harden.ts).
    hardenContext(c)
  }
}

function configOf(c: Context): AuthConfig {
  const config = c.get('authConfig')
  if (!config) throw new Error('@latch/hono: no auth config on the context; add `app.use("*", initAuthConfig(...))` first')
  return config
}

/** The raw Request, rebuilt from Hono's body cache if a middleware already read the body. */
async function rawRequest(c: Context): Promise<Request> {
  const raw = c.req.raw
  if (!raw.bodyUsed) return raw
  const cache = c.req.bodyCache
  if (cache.formData && !cache.arrayBuffer && !cache.text) {
    // Only FormData survives: send its text fields urlencoded (auth forms carry no files).
    const form = new URLSearchParams()
    for (const [k, v] of await cache.formData) if (typeof v === 'string') form.append(k, v)
    const headers = new Headers(raw.headers)
    headers.set('content-type', 'application/x-www-form-urlencoded')
    headers.delete('content-length')
    return new Request(raw.url, { method: raw.method, headers, body: form })
  }
  return new Request(raw, { body: await c.req.arrayBuffer() })
}

/**
 * The peer address on @hono/node-server (its `incoming` request), for the core's rate limiter. Other runtimes
 * have no socket here: set `rateLimit.clientIp` (e.g. `cf-connecting-ip` on Cloudflare) or trust a proxy.
 */
function socketAddress(c: Context): string | undefined {
  const incoming = (c.env as { incoming?: { socket?: { remoteAddress?: string } } } | undefined)?.incoming
  return incoming?.socket?.remoteAddress
}

/**
 * The runtime's waitUntil (Workers, Deno Deploy, Vercel Edge: `c.executionCtx`), for the work Latch does after the
 * answer (mails). Hono's getter throws where the runtime has no execution context (Node, Bun): then none.
 */
function waitUntil(c: Context): ((promise: Promise<unknown>) => void) | undefined {
  try {
    const ctx = c.executionCtx
    return typeof ctx?.waitUntil === 'function' ? (promise) => ctx.waitUntil(promise) : undefined
  } catch {
    return undefined
  }
}

/** Serve every auth route: mount it on the auth base path, `app.use('/auth/*', authHandler())`. */
export function authHandler(): MiddlewareHandler {
  return async (c) => Auth(setWaitUntil(setClientAddress(await rawRequest(c), socketAddress(c)), waitUntil(c)), configOf(c))
}

/** The session check of each request, so that a second getAuthUser neither re-checks nor re-sends cookies. */
const checks = new WeakMap<Context, Promise<AuthUser | null>>()

/**
 * The session of the request, or null (fails closed). Memoized on the context. The re-issued session cookie
 * (sliding expiry) or the clearing of a bad one is added to the response.
 */
export function getAuthUser(c: Context): Promise<AuthUser | null> {
  // Not an async function: returning the check's own promise saves the ticks of resolving one with another.
  const cached = c.get('authUser')
  if (cached) return Promise.resolve(cached)
  let check = checks.get(c)
  if (!check) checks.set(c, (check = checkAuthUser(c)))
  return check
}

/** Requests whose session check found the store down (verifyAuth answers 503 for them, not 401). */
const unavailableChecks = new WeakMap<Context, { retryAfter: string }>()

async function checkAuthUser(c: Context): Promise<AuthUser | null> {
  const { session, setCookies, unavailable } = await checkSession(c.req.raw, configOf(c))
  if (unavailable) unavailableChecks.set(c, unavailable)
  // c.header reaches responses built with c.json/c.html/c.body; verifyAuth also adds them to a raw Response.
  for (const cookie of setCookies) c.header('Set-Cookie', cookie, { append: true })
  if (setCookies.length) c.set('authSetCookies', setCookies)
  markResponse(c, { cookies: setCookies.length > 0, session: session !== null })
  if (!session) return null
  const authUser: AuthUser = { session, user: session.user }
  c.set('authUser', authUser)
  return authUser
}

export interface VerifyAuthOptions {
  /**
   * Send browsers (GET asking for HTML) to the sign-in page instead of answering 401.
   * Default false: always 401 JSON.
   */
  redirectToSignIn?: boolean
  /**
   * The routes behind this middleware serve the same content to every signed-in user and may be stored by a
   * shared cache: Latch then adds no `Cache-Control: private, no-store` / `Vary: Cookie` for the session alone.
   * A response that carries a re-issued or cleared session cookie is still `no-store`. Default false.
   */
  allowSharedCache?: boolean
}


/** 401 unless signed in (503 + Retry-After while the session store is down); then `c.get('authUser')` holds the session. */
export function verifyAuth(options: VerifyAuthOptions = {}): MiddlewareHandler {
  return async (c, next) => {
    const authUser = await getAuthUser(c)
    if (authUser && options.allowSharedCache) markResponse(c, { allowSharedCache: true })
    if (!authUser) {
      markResponse(c, { produced: true })
      const wantsHtml = c.req.method === 'GET' && (c.req.header('accept') ?? '').includes('text/html')
      const unavailable = unavailableChecks.get(c)
      if (unavailable) {
        // The store is down: the user may be signed in. Not a 401 (clients would drop the session): 503, retry later.
        c.header('Retry-After', unavailable.retryAfter)
        if (options.redirectToSignIn && wantsHtml) return c.redirect(`${authBasePath(configOf(c))}/error?error=StoreUnavailable`, 302)
        return c.json({ error: 'StoreUnavailable', message: 'The session store is not answering; try again shortly' }, 503)
      }
      if (options.redirectToSignIn && wantsHtml) {
        // The core's redirect check builds it: a requested path like `//evil.com/..` is not a callbackUrl.
        const url = new URL(c.req.url)
        const signIn = `${authBasePath(configOf(c))}/signin`
        return c.redirect(signInRedirect(signIn, url.pathname + url.search, url.href, signIn), 302)
      }
      return c.json({ error: 'Unauthorized', message: 'Sign in to access this resource' }, 401)
    }
    await next()
    const pending = c.get('authSetCookies')
    if (pending && c.res) {
      const present = new Set(c.res.headers.getSetCookie())
      for (const cookie of pending) if (!present.has(cookie)) c.res.headers.append('Set-Cookie', cookie)
    }
  }
}

/**
 * Account management for the signed-in user of the request (@latch/core/account): `get()`, `listAccounts()`,
 * `link(provider)`, `unlink({ provider })`, `changeEmail(email)`, `delete()`, `sessions()`, `revokeSession(id)`,
 * `revokeOtherSessions()`. The account routes' rules apply (recent sign-in for the sensitive ones), except CSRF:
 * protect the route you call these from. Cookies they set (a deletion clears the session) go on the response.
 */
export function accountOf(c: Context): AccountHelpers {
  markResponse(c, { session: true })
  return accountFor(c.req.raw, configOf(c), (lines) => {
    for (const line of lines) c.header('Set-Cookie', line, { append: true })
    c.set('authSetCookies', [...(c.get('authSetCookies') ?? []), ...lines])
    markResponse(c, { cookies: true })
  })
}
