/**
 * Latch for SvelteKit.
 *
 *   // src/hooks.server.ts
 *   export const { handle, signIn, signOut } = SvelteKitAuth({ providers: [...] })
 *   // src/routes/signin/+page.server.ts
 *   export const actions = { default: signIn }
 *
 * `handle` serves the auth routes under `basePath` and sets `event.locals.auth()` (the session, or null)
 * and `event.locals.csrfToken()` (for the hidden `csrfToken` field of the sign-in/out forms).
 * CSRF stays on: the forms carry the token, and SvelteKit's origin check guards form posts as well.
 * `AUTH_*` variables come from `$env/dynamic/private`.
 */
import { env } from '$env/dynamic/private'
import { error, redirect } from '@sveltejs/kit'
import { Auth, applyEnv, authBasePath, checkSession, safeRedirectPath, setClientAddress, setWaitUntil, signInRedirect, type AuthConfig, type Provider, type Session } from '@latch/core'
import { accountFor, type AccountHelpers } from '@latch/core/account'
import { applySetCookies } from './cookies.js'
import { hardenRequest, markRequest } from './harden.js'
import type { KitHandle, KitRequestEvent, KitResolve } from './kit-types.js'

export type { AuthConfig, Session, DefaultSession, User, DefaultUser, Account, Profile, JWT, DefaultJWT } from '@latch/core'
/** Auth.js's name for the config of `SvelteKitAuth`. */
export type SvelteKitAuthConfig = AuthConfig
/** For protected pages: `redirect(303, signInRedirect('/signin', url.pathname + url.search, url.href))`. */
export { signInRedirect, safeRedirectPath } from '@latch/core'
export type { AccountHelpers } from '@latch/core/account'
export type * from './kit-types.js'

export interface LatchLocals {
  auth(): Promise<Session | null>
  csrfToken(): Promise<string>
}

const externalRedirect: (status: number, location: string, options: { external: boolean }) => never = redirect as never

export type ConfigInput = AuthConfig | ((event: KitRequestEvent) => AuthConfig | Promise<AuthConfig>)

export interface SvelteKitAuthOptions {
  /**
   * Pages (by event) that serve the same content to every signed-in user and may be stored by a shared cache:
   * Latch then adds no `Cache-Control: private, no-store` / `Vary: Cookie` for the session alone. A response
   * that carries a Latch cookie or a CSRF token from `locals.csrfToken()` is still `no-store`. Default: none.
   */
  allowSharedCache?: (event: KitRequestEvent) => boolean
}

/** Headers only a proxy may set: the adapter (ORIGIN / HOST_HEADER / PROTOCOL_HEADER) has already decided `event.url`. */
const PROXY_HEADERS = ['x-forwarded-host', 'x-forwarded-proto', 'x-forwarded-port', 'forwarded']


/** A Request for the core at `event.url`, without proxy headers; the body stream is passed on untouched. */
function toRequest(event: KitRequestEvent, init: { path?: string; method?: string; body?: BodyInit; headers?: Record<string, string> } = {}): Request {
  const headers = new Headers(event.request.headers)
  for (const name of PROXY_HEADERS) headers.delete(name)
  if (init.method) for (const name of ['content-length', 'transfer-encoding', 'content-type']) headers.delete(name)
  for (const [k, v] of Object.entries(init.headers ?? {})) headers.set(k, v)
  const url = init.path ? new URL(init.path, event.url) : event.url
  if (init.method) return new Request(url, { method: init.method, headers, body: init.body ?? null })
  const hasBody = event.request.method !== 'GET' && event.request.method !== 'HEAD'
  return new Request(url, { method: event.request.method, headers, body: hasBody ? event.request.body : null, duplex: 'half' } as RequestInit)
}

/** The adapter's client address (proxy-aware with adapter-node's ADDRESS_HEADER), for the core's rate limiter. */
function clientAddress(event: KitRequestEvent): string | undefined {
  try {
    return event.getClientAddress?.()
  } catch {
    return undefined
  }
}

/** The platform's waitUntil (adapter-cloudflare: `platform.context.waitUntil`), for the work Latch does after the answer. */
function platformWaitUntil(event: KitRequestEvent): ((promise: Promise<unknown>) => void) | undefined {
  const context = (event.platform as { context?: { waitUntil?: unknown } } | undefined)?.context
  const fn = context?.waitUntil
  return typeof fn === 'function' ? (promise) => void fn.call(context, promise) : undefined
}

export function SvelteKitAuth(input: ConfigInput, options: SvelteKitAuthOptions = {}): { handle: KitHandle; signIn: (event: KitRequestEvent) => Promise<never>; signOut: (event: KitRequestEvent) => Promise<never>; account: (event: KitRequestEvent) => Promise<AccountHelpers> } {
  const withEnv = new WeakMap<AuthConfig, AuthConfig>()
  async function configOf(event: KitRequestEvent): Promise<AuthConfig> {
    const config = typeof input === 'function' ? await input(event) : input
    let out = withEnv.get(config)
    if (!out) withEnv.set(config, (out = applyEnv(config, env)))
    return out
  }

  const handle: KitHandle = async ({ event, resolve }: { event: KitRequestEvent; resolve: KitResolve }) => {
    const config = await configOf(event)
    const basePath = authBasePath(config)
    const path = event.url.pathname
    if (path === basePath || path.startsWith(`${basePath}/`)) return Auth(setWaitUntil(setClientAddress(toRequest(event), clientAddress(event)), platformWaitUntil(event)), config)
    let session: Promise<Session | null> | undefined
    let outage: string | undefined
    const locals = event.locals as LatchLocals
    // The re-issued session cookie (sliding expiry), or the clearing of a bad one, goes out with the page.
    // While the session store is down the user may be signed in: not null (the page would send them to sign in)
    // but SvelteKit's error page with 503, and Retry-After on the response.
    locals.auth = () =>
      (session ??= checkSession(toRequest(event, { method: 'GET' }), config).then(({ session, setCookies, unavailable }) => {
        applySetCookies(event, setCookies)
        markRequest(locals, { cookies: setCookies.length > 0, session: session !== null })
        if (unavailable) {
          outage = unavailable.retryAfter
          error(503, 'The session store is not answering; try again shortly')
        }
        return session
      }))
    locals.csrfToken = async () => {
      const res = await Auth(toRequest(event, { path: `${basePath}/csrf`, method: 'GET' }), config)
      applySetCookies(event, res.headers.getSetCookie())
      // The token in the page is this visitor's: the page must never be stored for another (src/harden.ts).
      markRequest(locals, { csrfToken: true })
      const body = (await res.json()) as { csrfToken?: string }
      if (!body.csrfToken) throw new Error(`@latch/sveltekit: no CSRF token (${res.status}); check the auth config`)
      return body.csrfToken
    }
    if (options.allowSharedCache?.(event)) markRequest(locals, { allowSharedCache: true })
    const response = hardenRequest(locals, await resolve(event))
    if (!outage) return response
    try {
      response.headers.set('Retry-After', outage)
      return response
    } catch {
      // Immutable headers (a Response.redirect): copy it.
      const copy = new Response(response.body, response)
      copy.headers.set('Retry-After', outage)
      return copy
    }
  }

  /** POST an action's form to a core route; apply its cookies; follow with a 303 to where the core says. */
  async function act(event: KitRequestEvent, route: (config: AuthConfig, form: URLSearchParams) => string | { page: string }): Promise<never> {
    const config = await configOf(event)
    let form: FormData
    try {
      form = await event.request.formData()
    } catch {
      form = new FormData()
    }
    const body = new URLSearchParams()
    for (const [k, v] of form) if (typeof v === 'string') body.append(k, v)
    if (!body.has('callbackUrl') && body.has('redirectTo')) body.set('callbackUrl', body.get('redirectTo')!)
    const path = route(config, body)
    // Every Location built here goes through the core's one redirect check (never `${page}?callbackUrl=${input}`).
    if (typeof path === 'object') {
      const callbackUrl = body.get('callbackUrl')
      const fallback = `${authBasePath(config)}/signin`
      redirect(303, callbackUrl ? signInRedirect(path.page, callbackUrl, event.url.href, fallback) : safeRedirectPath(path.page, event.url.href))
    }
    const res = await Auth(
      toRequest(event, {
        path,
        method: 'POST',
        body: body.toString(),
        headers: { 'content-type': 'application/x-www-form-urlencoded', 'x-auth-return-redirect': '1' },
      }),
      config,
    )
    applySetCookies(event, res.headers.getSetCookie())
    markRequest(event.locals, { cookies: true, produced: true })
    let url = `${authBasePath(config)}/error?error=Configuration`
    if ((res.headers.get('content-type') ?? '').includes('application/json')) {
      const json = (await res.json().catch(() => null)) as { url?: unknown } | null
      if (typeof json?.url === 'string') url = json.url
    } else if (res.headers.get('location')) url = res.headers.get('location')!
    // Same-origin targets become paths (client-side navigation), through the core's check: the path of
    // `https://app//evil.com` alone would be the protocol-relative `//evil.com`. A provider's URL (or one the
    // app's redirect callback allowed) stays absolute and is marked external: Kit 3 refuses external redirects
    // without it; Kit 2 ignores the third argument.
    let target: URL
    try {
      target = new URL(url, event.url)
    } catch {
      target = new URL('/', event.url)
    }
    if (target.origin === event.url.origin) redirect(303, safeRedirectPath(target.href, event.url.href))
    if (target.protocol !== 'https:' && target.protocol !== 'http:') redirect(303, '/')
    externalRedirect(303, target.href, { external: true })
  }

  /** Form action: `providerId` picks the provider (default: the sign-in page); credentials post their fields. */
  const signIn = (event: KitRequestEvent) =>
    act(event, (config, form) => {
      const id = form.get('providerId') ?? form.get('provider') ?? ''
      const base = authBasePath(config)
      if (!/^[A-Za-z0-9_-]{1,64}$/.test(id)) return { page: config.pages?.signIn ?? `${base}/signin` }
      // configOf's applyEnv has instantiated every provider.
      const provider = (config.providers as Provider[]).find((p) => p.id === id)
      return provider?.type === 'credentials' || provider?.type === 'password' ? `${base}/callback/${id}` : `${base}/signin/${id}`
    })

  /** Form action: sign out (the form carries `csrfToken`, optionally `callbackUrl`/`redirectTo`). */
  const signOut = (event: KitRequestEvent) => act(event, (config) => `${authBasePath(config)}/signout`)

  /**
   * Account management for the signed-in user of `event` (@latch/core/account): `get()`, `listAccounts()`,
   * `link(provider)`, `unlink({ provider })`, `changeEmail(email)`, `delete()`, `sessions()`, `revokeSession(id)`,
   * `revokeOtherSessions()`. The account routes' rules apply (recent sign-in for the sensitive ones); call them from
   * form actions (SvelteKit checks their Origin). Cookies they set (a deletion clears the session) go on the response.
   */
  const account = async (event: KitRequestEvent): Promise<AccountHelpers> => {
    const config = await configOf(event)
    markRequest(event.locals as LatchLocals, { session: true })
    return accountFor(toRequest(event, { method: 'GET' }), config, (lines) => {
      applySetCookies(event, lines)
      markRequest(event.locals as LatchLocals, { cookies: true })
    })
  }

  return { handle, signIn, signOut, account }
}
