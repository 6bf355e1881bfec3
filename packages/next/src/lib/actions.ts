import { Auth, errorFromCode, signInRedirect, type AuthError, type Provider, type ResponseInternal, type Session } from '@latch/core'
import { requestHeaders } from './next-request.js'
import type { ConfigResolver, Prepared } from './config.js'
import { internalRequest, originFor, sessionFromRaw } from './session.js'
import { setCookies } from './next-cookies.js'

export interface SignInOptions {
  /** Where to go after signing in. Default: the page the action came from (Referer), else `/`. */
  redirectTo?: string
  /** v4 name of `redirectTo`. */
  callbackUrl?: string
  /** `false`: return the URL instead of calling `redirect()`. Default true. */
  redirect?: boolean
  /** Anything else is posted to the provider (credentials fields, an email address). */
  [field: string]: unknown
}

export type AuthorizationParams = string | string[][] | Record<string, string> | URLSearchParams

export interface SignOutOptions {
  redirectTo?: string
  callbackUrl?: string
  redirect?: boolean
}

type HeadersLike = Awaited<ReturnType<typeof requestHeaders>>

function fields(options: SignInOptions | FormData | undefined): Record<string, string> & { redirect?: string } {
  const out: Record<string, string> = {}
  if (!options) return out
  const entries = options instanceof FormData ? [...options.entries()] : Object.entries(options)
  for (const [k, v] of entries) {
    if (k.startsWith('$ACTION')) continue // Next's own hidden fields on <form action={...}>
    if (typeof v === 'string') out[k] = v
    else if (typeof v === 'number' || typeof v === 'boolean') out[k] = String(v)
  }
  return out
}

function findProvider(p: Prepared, id: string): { id: string; type: string } | undefined {
  // prepare() applied the environment, which called every provider factory: only Provider objects are left.
  return (p.config.providers as Provider[]).find((provider) => provider.id === id)
}

function targetOf(res: ResponseInternal): string | undefined {
  if (res.redirect) return res.redirect
  const body = res.body as { url?: unknown } | undefined
  return body && typeof body === 'object' && typeof body.url === 'string' ? body.url : undefined
}

/**
 * A refused sign-in comes back as a redirect to the sign-in or error page with `?error=`. Server-side, Auth.js
 * throws instead, and apps catch it (`error instanceof AuthError`, `error.type === 'CredentialsSignin'`):
 * throw the same error here so that code keeps working.
 */
function refusal(p: Prepared, origin: string, target: string): AuthError | undefined {
  let url: URL
  try {
    url = new URL(target, origin)
  } catch {
    return undefined
  }
  const code = url.searchParams.get('error')
  if (!code || url.origin !== new URL(origin).origin) return undefined
  const pages = [new URL(p.signInPage, origin).pathname, `${p.basePath}/error`, p.config.pages?.error && new URL(p.config.pages.error, origin).pathname]
  if (!pages.includes(url.pathname)) return undefined
  return errorFromCode(code, url.searchParams.get('code') ?? undefined)
}

/** `redirect()` (which throws NEXT_REDIRECT: let it propagate), or the URL with `redirect: false`. */
async function finish(url: string, shouldRedirect: boolean): Promise<string> {
  if (shouldRedirect) {
    // Loaded on use, like next/headers: server actions only, never on the pages router's plain-Node path.
    const { redirect } = await import('next/navigation')
    redirect(url)
  }
  return url
}

/** Server-action `signIn`, `signOut` and `unstable_update` for a config resolver. */
export function createActions(resolve: ConfigResolver) {
  async function context(): Promise<{ p: Prepared; h: HeadersLike; origin: string }> {
    const h = await requestHeaders()
    const p = await resolve(undefined)
    return { p, h, origin: originFor(p, h) }
  }

  /**
   * Sign in from a server action or route handler. Sets the cookies and calls `redirect()` (which throws
   * `NEXT_REDIRECT`: never swallow it in a try/catch, re-throw it). With `redirect: false` it returns the URL.
   * A refused sign-in throws the AuthError (e.g. `CredentialsSignin`, with the authorize() reason as `reason`),
   * as Auth.js does, after setting any cookies the refusal carries.
   */
  async function signIn(provider?: string, options?: SignInOptions | FormData, authorizationParams?: AuthorizationParams): Promise<string> {
    const { p, h, origin } = await context()
    const { redirect, redirectTo, callbackUrl, ...rest } = fields(options)
    const shouldRedirect = !(options instanceof FormData) ? (options as SignInOptions | undefined)?.redirect !== false : redirect !== 'false'
    const to = redirectTo ?? callbackUrl ?? h.get('referer') ?? '/'
    const found = provider ? findProvider(p, provider) : undefined
    if (!found) {
      // The core's redirect check builds it: `redirectTo: '//evil.com'` becomes the app's root.
      return finish(signInRedirect(new URL(p.signInPage, origin).href, to, origin, `${p.basePath}/signin`), shouldRedirect)
    }
    // Credentials and passwords post their fields straight to the callback.
    const credentials = found.type === 'credentials' || found.type === 'password'
    const query = credentials || !authorizationParams ? '' : `?${new URLSearchParams(authorizationParams)}`
    const path = `/${credentials ? 'callback' : 'signin'}/${encodeURIComponent(found.id)}${query}`
    const body = new URLSearchParams({ ...rest, callbackUrl: to })
    const res = await Auth(
      internalRequest(p, h, path, { method: 'POST', body, contentType: 'application/x-www-form-urlencoded', origin }),
      p.action,
    )
    await setCookies(res.cookies, true)
    const target = targetOf(res) ?? `${origin}${p.basePath}/error?error=Configuration`
    const refused = refusal(p, origin, target)
    if (refused) throw refused
    return finish(target, shouldRedirect)
  }

  /** Sign out from a server action: clears the session cookie and calls `redirect()` (re-throw `NEXT_REDIRECT`). */
  async function signOut(options: SignOutOptions = {}): Promise<string> {
    const { p, h, origin } = await context()
    const to = options.redirectTo ?? options.callbackUrl ?? h.get('referer') ?? '/'
    const body = new URLSearchParams({ callbackUrl: to })
    const res = await Auth(
      internalRequest(p, h, '/signout', { method: 'POST', body, contentType: 'application/x-www-form-urlencoded', origin }),
      p.action,
    )
    await setCookies(res.cookies, true)
    return finish(targetOf(res) ?? `${origin}/`, options.redirect !== false)
  }

  /** Update the session (runs the jwt/session callbacks with `trigger: "update"`) and re-issue its cookie. */
  async function update(data: Partial<Session> | Record<string, unknown>): Promise<Session | null> {
    const { p, h, origin } = await context()
    const res = await Auth(
      internalRequest(p, h, '/session', { method: 'POST', body: JSON.stringify({ data }), contentType: 'application/json', origin }),
      p.action,
    )
    await setCookies(res.cookies, true)
    return sessionFromRaw(res)
  }

  return { signIn, signOut, update }
}
