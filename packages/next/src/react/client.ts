'use client'
/**
 * Browser-side calls to the auth routes: getSession, getCsrfToken, getProviders, signIn, signOut.
 * Paths are relative to the page's origin under `basePath` (default `/api/auth`, set by SessionProvider).
 */
import type { Session } from '@latch/core'
import { safeRedirect, signInRedirect } from '@latch/core/redirect'

export type { Session }

export interface ClientProvider {
  id: string
  name: string
  type: string
  signinUrl: string
  callbackUrl: string
}

/** Shared between the module functions and the mounted SessionProvider. */
export const state: {
  basePath: string
  /** Set by the mounted SessionProvider: refetch and publish the session. */
  /** Replaces `window.location` assignment (tests, or apps that route differently). */
  navigate?: (url: string) => void
  refresh?: (event: 'storage' | 'poll' | 'visibilitychange' | 'initial' | 'update') => Promise<Session | null>
} = { basePath: '/api/auth' }

export function apiUrl(path: string): string {
  return `${state.basePath.replace(/\/+$/, '')}${path}`
}

// ---- cross-tab sync ------------------------------------------------------------------------------

export interface SyncMessage {
  event: 'session'
  data: { trigger: 'signin' | 'signout' | 'update' | 'getSession' }
}

let channel: BroadcastChannel | null | undefined

/** One channel per page: a BroadcastChannel never delivers to itself, so a tab does not hear its own news. */
export function syncChannel(): BroadcastChannel | null {
  if (channel === undefined) {
    channel = typeof BroadcastChannel === 'function' ? new BroadcastChannel('latch.session') : null
  }
  return channel
}

export function broadcast(trigger: SyncMessage['data']['trigger']): void {
  try {
    syncChannel()?.postMessage({ event: 'session', data: { trigger } } satisfies SyncMessage)
  } catch {
    // a closed channel: nothing to tell
  }
}

// ---- plain calls ---------------------------------------------------------------------------------

async function getJson<T>(path: string): Promise<T | null> {
  try {
    const res = await fetch(apiUrl(path), { headers: { Accept: 'application/json' }, credentials: 'same-origin', cache: 'no-store' })
    if (!res.ok) return null
    return (await res.json()) as T
  } catch {
    return null
  }
}

function asSession(data: unknown): Session | null {
  if (!data || typeof data !== 'object' || Array.isArray(data) || 'error' in data || !('expires' in data)) return null
  return data as Session
}

/** The current session, or null (also when the server answers with anything but a session: fail closed). */
export async function getSession(params: { broadcast?: boolean } = {}): Promise<Session | null> {
  const session = asSession(await getJson<unknown>('/session'))
  if (params.broadcast) broadcast('getSession')
  return session
}

export async function getCsrfToken(): Promise<string | undefined> {
  const data = await getJson<{ csrfToken?: unknown }>('/csrf')
  return typeof data?.csrfToken === 'string' ? data.csrfToken : undefined
}

export async function getProviders(): Promise<Record<string, ClientProvider> | null> {
  return getJson<Record<string, ClientProvider>>('/providers')
}

// ---- sign in / out -------------------------------------------------------------------------------

export interface SignInOptions {
  /** Default true. `false` is honoured for credentials and email providers (OAuth always navigates). */
  redirect?: boolean
  /** Where to land after signing in. Default: the current page. */
  redirectTo?: string
  /** v4 name of `redirectTo`. */
  callbackUrl?: string
  [field: string]: unknown
}

export interface SignInResponse {
  /** True only when the server accepted the sign-in (no `error` in its answer, HTTP 2xx). */
  ok: boolean
  status: number
  /** The error code (`CredentialsSignin`, `AccessDenied`, `MissingCSRF`...), or null. */
  error: string | null
  /** The credentials `code` the authorize function gave, or null. */
  code: string | null
  /** Where the server would send the browser; null when there was an error. */
  url: string | null
}

export interface SignOutOptions {
  redirect?: boolean
  redirectTo?: string
  callbackUrl?: string
}

/** Go to `url`, or hand it to `state.navigate` when set. */
export function navigate(url: string): void {
  if (state.navigate) return state.navigate(url)
  window.location.href = url
  if (url.includes('#')) window.location.reload()
}

async function postForm(path: string, fields: Record<string, string>): Promise<{ res: Response | null; url: string | null; body: Record<string, unknown> }> {
  try {
    const res = await fetch(apiUrl(path), {
      method: 'POST',
      credentials: 'same-origin',
      headers: { 'Content-Type': 'application/x-www-form-urlencoded', 'X-Auth-Return-Redirect': '1', Accept: 'application/json' },
      body: new URLSearchParams(fields),
    })
    const body = ((await res.json().catch(() => ({}))) ?? {}) as Record<string, unknown>
    return { res, url: typeof body.url === 'string' ? body.url : null, body }
  } catch {
    return { res: null, url: null, body: {} }
  }
}

function stringFields(input: Record<string, unknown>): Record<string, string> {
  const out: Record<string, string> = {}
  for (const [k, v] of Object.entries(input)) {
    if (typeof v === 'string') out[k] = v
    else if (typeof v === 'number' || typeof v === 'boolean') out[k] = String(v)
  }
  return out
}

/**
 * Start a sign-in. With no provider, go to the sign-in page. OAuth providers navigate to the provider;
 * credentials and email providers with `redirect: false` resolve to `{ ok, status, error, code, url }`.
 */
export async function signIn(
  provider?: string,
  options: SignInOptions = {},
  authorizationParams?: string | string[][] | Record<string, string> | URLSearchParams,
): Promise<SignInResponse | undefined> {
  const { redirect = true, redirectTo, callbackUrl, ...rest } = options
  const target = redirectTo ?? callbackUrl ?? window.location.href
  // Through the core's redirect check, as every Location an integration builds: `redirectTo: '//evil.com'` is `/`.
  const page = apiUrl('/signin')
  const signInPage = /^\/(?!\/)/.test(page)
    ? signInRedirect(page, target, window.location.href)
    : `${page}?${new URLSearchParams({ callbackUrl: safeRedirect(target, window.location.href) })}` // auth API on another origin
  if (!provider) return void navigate(signInPage)
  const providers = await getProviders()
  const found = providers?.[provider]
  if (!found) return void navigate(providers ? signInPage : `${apiUrl('/error')}?error=Configuration`)
  const direct = found.type === 'credentials' || found.type === 'password'
  const returns = direct || found.type === 'email'
  const query = authorizationParams && !returns ? `?${new URLSearchParams(authorizationParams)}` : ''
  const path = `/${direct ? 'callback' : 'signin'}/${encodeURIComponent(provider)}${query}`
  const csrfToken = (await getCsrfToken()) ?? ''
  const { res, url, body } = await postForm(path, { ...stringFields(rest), csrfToken, callbackUrl: target })
  let error: string | null = null
  let code: string | null = null
  if (url) {
    try {
      const parsed = new URL(url, window.location.href)
      error = parsed.searchParams.get('error')
      code = parsed.searchParams.get('code')
    } catch {
      error = 'InvalidUrl'
    }
  }
  if (!res) error = 'FetchError'
  else if (!res.ok || !url) error ??= typeof body.error === 'string' ? body.error : 'UnknownError'
  if (redirect || !returns) {
    if (url) navigate(url)
    else if (error) navigate(`${signInPage}&error=${encodeURIComponent(error)}`)
    return undefined
  }
  const ok = !error
  if (ok) {
    await state.refresh?.('update')
    broadcast('signin')
  }
  return { ok, status: res?.status ?? 0, error, code, url: ok ? url : null }
}

/** Sign out. With `redirect: false`, resolves to `{ url }` and clears the session in every tab. */
export async function signOut(options: SignOutOptions = {}): Promise<{ url: string | null } | undefined> {
  const target = options.redirectTo ?? options.callbackUrl ?? window.location.href
  const csrfToken = (await getCsrfToken()) ?? ''
  const { res, url } = await postForm('/signout', { csrfToken, callbackUrl: target })
  broadcast('signout')
  if (options.redirect !== false) {
    // The server's answer (already checked); without one (network error), the target through the same check.
    navigate(url ?? safeRedirect(target, window.location.href))
    return undefined
  }
  await state.refresh?.('update')
  return { url: res?.ok ? url : null }
}

/** POST /session with `data`: runs the jwt/session callbacks with trigger "update". */
export async function updateSession(data: unknown): Promise<Session | null> {
  const csrfToken = (await getCsrfToken()) ?? ''
  try {
    const res = await fetch(apiUrl('/session'), {
      method: 'POST',
      credentials: 'same-origin',
      headers: { 'Content-Type': 'application/json', Accept: 'application/json' },
      body: JSON.stringify({ csrfToken, data }),
    })
    if (!res.ok) return null
    return asSession(await res.json())
  } catch {
    return null
  }
}
