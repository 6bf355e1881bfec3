export interface CookieOption {
  name: string
  options: {
    httpOnly?: boolean
    sameSite?: 'lax' | 'strict' | 'none'
    path?: string
    secure?: boolean
    domain?: string
    maxAge?: number
    expires?: Date
    partitioned?: boolean
  }
}

export type CookieKind = 'sessionToken' | 'sessionData' | 'authTime' | 'callbackUrl' | 'csrfToken' | 'pkceCodeVerifier' | 'state' | 'nonce'

export type CookiesOptions = Record<CookieKind, CookieOption>

/** Seconds the OAuth check cookies (state, PKCE, nonce) live. */
export const CHECK_MAX_AGE = 15 * 60

/** The Auth.js v5 session cookie's name (on its own so `getToken` bundles no more than it needs). */
export function sessionTokenName(secure: boolean): string {
  return `${secure ? '__Secure-' : ''}authjs.session-token`
}

/**
 * Auth.js v5 cookie names, so cookies set by Auth.js are read after a switch.
 * `__Secure-` on https; the CSRF cookie gets the stricter `__Host-` prefix.
 */
export function defaultCookies(secure: boolean): CookiesOptions {
  const prefix = secure ? '__Secure-' : ''
  const base = { httpOnly: true, sameSite: 'lax' as const, path: '/', secure }
  return {
    sessionToken: { name: sessionTokenName(secure), options: base },
    // Database sessions' opt-in cookie cache (session.cookieCache; Latch only, never set otherwise).
    sessionData: { name: `${prefix}authjs.session-data`, options: base },
    // Database sessions: when the session's sign-in happened (session/signed-in.ts; Latch only).
    authTime: { name: `${prefix}authjs.auth-time`, options: base },
    callbackUrl: { name: `${prefix}authjs.callback-url`, options: base },
    csrfToken: { name: `${secure ? '__Host-' : ''}authjs.csrf-token`, options: base },
    pkceCodeVerifier: { name: `${prefix}authjs.pkce.code_verifier`, options: { ...base, maxAge: CHECK_MAX_AGE } },
    state: { name: `${prefix}authjs.state`, options: { ...base, maxAge: CHECK_MAX_AGE } },
    nonce: { name: `${prefix}authjs.nonce`, options: { ...base, maxAge: CHECK_MAX_AGE } },
  }
}

/** Merge user overrides over the defaults without touching either. */
export function resolveCookies(secure: boolean, overrides: Partial<CookiesOptions> | undefined): CookiesOptions {
  const defaults = defaultCookies(secure)
  if (!overrides) return defaults
  const out = { ...defaults }
  for (const kind of Object.keys(defaults) as CookieKind[]) {
    const o = overrides[kind]
    if (o) out[kind] = { name: o.name ?? defaults[kind].name, options: { ...defaults[kind].options, ...o.options } }
  }
  return out
}
