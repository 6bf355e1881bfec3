/**
 * The browser client for passkeys (`@latch/core/webauthn-client`), for any framework: `signIn` as next-auth/webauthn
 * exports it, on the same wire format (GET {basePath}/webauthn-options/<provider>, then POST {basePath}/callback/<provider>
 * with `action` and `data`). Runs in the browser only; uses @simplewebauthn/browser for the WebAuthn calls.
 *
 *   import { signIn } from '@latch/core/webauthn-client'
 *   await signIn('passkey')                                        // sign in (a discoverable passkey)
 *   await signIn('passkey', { action: 'register', email })         // sign up, or add a passkey when signed in
 *
 * Sign-up by mail (the provider's `signUp: 'verify-email'`): a signed-out `register` with an `email` creates nothing
 * yet; the server answers the same for every address and mails a link. `signIn` then goes to the "check your email"
 * page, or with `redirect: false` resolves to `{ ok: true, verificationSent: true, url }`. The link's page finishes.
 *   signIn('passkey', { autofill: true })                          // conditional UI: offer passkeys in autofill
 */
import { browserSupportsWebAuthn, browserSupportsWebAuthnAutofill, startAuthentication, startRegistration, WebAuthnAbortService } from '@simplewebauthn/browser'

export { browserSupportsWebAuthn, browserSupportsWebAuthnAutofill }

export interface PasskeySignInOptions {
  /** `register` (sign up, or add a passkey to the signed-in account) or `authenticate`; the server infers it when absent. */
  action?: 'register' | 'authenticate'
  /** Sign-up: the new account's address. */
  email?: string
  /** Conditional UI: wait for the user to pick a passkey from the browser's autofill (an input with `autocomplete="username webauthn"`). */
  autofill?: boolean
  /** Default true: go where the server says. False: resolve with the outcome instead. */
  redirect?: boolean
  /** Where to land afterwards. Default: the current page. */
  redirectTo?: string
  /** v4 name of `redirectTo`. */
  callbackUrl?: string
  /** Where the auth routes are mounted. Default `/auth` (`@latch/next/webauthn` uses the SessionProvider's, `/api/auth`). */
  basePath?: string
  /** Other fields go to both requests, as next-auth/webauthn sends them. */
  [field: string]: unknown
}

export interface PasskeySignInResponse {
  ok: boolean
  status: number
  /** An error code (`WebAuthnVerificationError`, `InvalidCheck`, `NotAllowedError` when the user cancelled…), or null. */
  error: string | null
  code: string | null
  url: string | null
  /** Sign-up by mail: nothing was created yet; a link went to the address (whatever the address, the same answer). */
  verificationSent?: boolean
}

/** Hooks the framework packages set (navigation, session refresh). */
export interface PasskeyClientHooks {
  basePath?: string
  navigate?: (url: string) => void
  signedIn?: () => Promise<unknown> | void
}

let optionsInFlight: Promise<void> = Promise.resolve()

function fields(input: Record<string, unknown>): Record<string, string> {
  const out: Record<string, string> = {}
  for (const [k, v] of Object.entries(input)) if (typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean') out[k] = String(v)
  return out
}

function errorName(e: unknown): string {
  return e && typeof e === 'object' && 'name' in e && typeof e.name === 'string' ? e.name : 'UnknownError'
}

/** Sign in, sign up or add a passkey. With `redirect: false` resolves to `{ ok, status, error, code, url }`. */
export async function signIn(
  provider = 'passkey',
  options: PasskeySignInOptions = {},
  authorizationParams?: string | string[][] | Record<string, string> | URLSearchParams,
  hooks: PasskeyClientHooks = {},
): Promise<PasskeySignInResponse | undefined> {
  const { redirect = true, redirectTo, callbackUrl, basePath, autofill, ...rest } = options
  const base = (basePath ?? hooks.basePath ?? '/auth').replace(/\/+$/, '')
  const target = redirectTo ?? callbackUrl ?? window.location.href
  const navigate = hooks.navigate ?? ((url: string) => void (window.location.href = url))
  const done = (result: PasskeySignInResponse): PasskeySignInResponse | undefined => {
    if (!redirect) return result
    if (result.url) navigate(result.url)
    return undefined
  }
  const params = fields(autofill ? { ...rest, action: 'authenticate' } : rest)
  // One options request at a time: a late answer to an earlier one (an autofill request's) would replace this
  // request's challenge cookie.
  const previous = optionsInFlight
  let release = () => {}
  optionsInFlight = new Promise<void>((resolve) => (release = resolve))
  await previous
  let optionsRes: Response
  try {
    optionsRes = await fetch(`${base}/webauthn-options/${encodeURIComponent(provider)}?${new URLSearchParams(params)}`, { credentials: 'same-origin', headers: { Accept: 'application/json' } })
  } catch {
    release()
    return done({ ok: false, status: 0, error: 'FetchError', code: null, url: null })
  }
  release()
  const body = (await optionsRes.json().catch(() => ({}))) as { action?: string; options?: unknown; error?: string; verificationSent?: boolean; url?: string }
  if (optionsRes.ok && body.verificationSent === true) {
    return done({ ok: true, status: optionsRes.status, error: null, code: null, url: typeof body.url === 'string' ? body.url : null, verificationSent: true })
  }
  if (!optionsRes.ok || !body.options) return { ok: false, status: optionsRes.status, error: body.error ?? 'UnknownError', code: null, url: null }
  let data: unknown
  try {
    data =
      body.action === 'register'
        ? await startRegistration({ optionsJSON: body.options as never })
        : await startAuthentication({ optionsJSON: body.options as never, useBrowserAutofill: Boolean(autofill) })
  } catch (e) {
    // The user cancelled, or no authenticator answered: nothing was sent to the server.
    return { ok: false, status: 0, error: errorName(e), code: null, url: null }
  }
  const csrf = (await (await fetch(`${base}/csrf`, { credentials: 'same-origin', headers: { Accept: 'application/json' } })).json().catch(() => ({}))) as { csrfToken?: string }
  const query = authorizationParams ? `?${new URLSearchParams(authorizationParams)}` : ''
  const res = await fetch(`${base}/callback/${encodeURIComponent(provider)}${query}`, {
    method: 'POST',
    credentials: 'same-origin',
    headers: { 'Content-Type': 'application/x-www-form-urlencoded', 'X-Auth-Return-Redirect': '1', Accept: 'application/json' },
    body: new URLSearchParams({ ...params, action: body.action === 'register' ? 'register' : 'authenticate', data: JSON.stringify(data), csrfToken: csrf.csrfToken ?? '', callbackUrl: target }),
  }).catch(() => null)
  const answer = ((await res?.json().catch(() => ({}))) ?? {}) as { url?: string; error?: string }
  let error: string | null = null
  let code: string | null = null
  if (typeof answer.url === 'string') {
    const u = new URL(answer.url, window.location.href)
    error = u.searchParams.get('error')
    code = u.searchParams.get('code')
  } else error = answer.error ?? (res ? 'UnknownError' : 'FetchError')
  const ok = Boolean(res?.ok) && !error
  if (ok) await hooks.signedIn?.()
  return done({ ok, status: res?.status ?? 0, error, code, url: typeof answer.url === 'string' ? answer.url : null })
}

/** Stop a pending autofill (conditional UI) request, e.g. before a button starts a modal one. */
export function cancelPasskeyRequest(): void {
  WebAuthnAbortService.cancelCeremony()
}

/** The signed-in user's passkeys (no key material). */
export async function listPasskeys(options: { basePath?: string } = {}): Promise<Array<{ id: string; deviceType: string; backedUp: boolean; transports: string[] }> | null> {
  const base = (options.basePath ?? '/auth').replace(/\/+$/, '')
  const res = await fetch(`${base}/passkeys`, { credentials: 'same-origin', headers: { Accept: 'application/json' } }).catch(() => null)
  if (!res?.ok) return null
  return ((await res.json()) as { passkeys: Array<{ id: string; deviceType: string; backedUp: boolean; transports: string[] }> }).passkeys
}

/** Remove one of the signed-in user's passkeys (refused for the last way to sign in, or without a recent sign-in). */
export async function removePasskey(id: string, options: { basePath?: string } = {}): Promise<{ ok: boolean; error: string | null }> {
  const base = (options.basePath ?? '/auth').replace(/\/+$/, '')
  const csrf = (await (await fetch(`${base}/csrf`, { credentials: 'same-origin' })).json().catch(() => ({}))) as { csrfToken?: string }
  const res = await fetch(`${base}/passkeys`, {
    method: 'POST',
    credentials: 'same-origin',
    headers: { 'Content-Type': 'application/json', Accept: 'application/json' },
    body: JSON.stringify({ csrfToken: csrf.csrfToken, action: 'delete', credentialID: id }),
  }).catch(() => null)
  const body = ((await res?.json().catch(() => ({}))) ?? {}) as { error?: string }
  return { ok: Boolean(res?.ok), error: res?.ok ? null : (body.error ?? 'FetchError') }
}
