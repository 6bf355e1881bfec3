import type { CommonProviderOptions } from '../providers/common-options.js'

/** A relying party: the site passkeys belong to. Each field may list several values (several origins). */
export interface RelyingParty {
  /** The RP ID: the registrable domain passkeys are scoped to (default: the request's host name). */
  id?: string | string[]
  /** The name shown by the authenticator (default: the request's host). */
  name?: string | string[]
  /** The origins a response may come from (default: the request's origin). */
  origin?: string | string[]
}

/** The user a passkey registration is for, as a WebAuthn options request names it. */
export interface WebAuthnUserInfo {
  email: string
  name?: string
}

export interface WebAuthnConfig extends CommonProviderOptions {
  type: 'webauthn'
  relyingParty?: RelyingParty
  /** Auth.js's spelling of `relyingParty`, accepted as is. */
  relayingParty?: RelyingParty
  /**
   * `'required'` (default): the authenticator must verify the user (PIN, biometrics) at registration and at
   * every sign-in. `'preferred'` accepts a user-presence-only response (a security key without a PIN).
   */
  userVerification?: 'required' | 'preferred'
  /** Whether someone without an account may create one with a passkey (default true, as in Auth.js). */
  allowSignUp?: boolean
  /** Seconds a challenge lives (default 300, at most 900). */
  challengeMaxAge?: number
  /** Offer passkeys in the browser's autofill on the built-in sign-in page (default true). */
  enableConditionalUI?: boolean
  /** Auth.js options handed to SimpleWebAuthn. Latch reads `timeout`, `authenticatorSelection`, `attestationType`. */
  registrationOptions?: { timeout?: number; authenticatorSelection?: Record<string, unknown>; attestationType?: 'none' | 'direct' | 'enterprise'; [key: string]: unknown }
  authenticationOptions?: { timeout?: number; userVerification?: 'required' | 'preferred' | 'discouraged'; [key: string]: unknown }
  /** Auth.js options; `requireUserVerification: false` is the same as `userVerification: 'preferred'`. */
  verifyRegistrationOptions?: { requireUserVerification?: boolean; [key: string]: unknown }
  verifyAuthenticationOptions?: { requireUserVerification?: boolean; [key: string]: unknown }
  /** The fields of the built-in sign-in form (Auth.js shape; only `email` is used). */
  formFields?: Record<string, { label?: string; required?: boolean; autocomplete?: string }>
  /** Auth.js options that do not apply to Latch (accepted, ignored). */
  simpleWebAuthnBrowserVersion?: string | false
  [key: string]: unknown
}

export type WebAuthnOptions = Partial<Omit<WebAuthnConfig, 'type'>>

/** The WebAuthn provider (Auth.js's `webauthn`): a passkey or security key, user verification required by default. */
export function WebAuthn(options: WebAuthnOptions = {}): WebAuthnConfig {
  return {
    id: 'webauthn',
    name: 'WebAuthn',
    enableConditionalUI: true,
    formFields: { email: { label: 'Email', required: true, autocomplete: 'username webauthn' } },
    ...options,
    type: 'webauthn',
  }
}

/**
 * Sign in with a passkey. Use it uncalled (`providers: [Passkey]`) or with options (`Passkey({ relyingParty })`).
 * Needs an adapter with Auth.js's authenticator methods.
 */
export function Passkey(options: WebAuthnOptions = {}): WebAuthnConfig {
  return WebAuthn({ id: 'passkey', name: 'Passkey', ...options })
}

export function isWebAuthn(p: { type: string } | undefined): p is WebAuthnConfig {
  return p?.type === 'webauthn'
}
