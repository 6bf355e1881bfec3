import type { CommonProviderOptions } from '../providers/common-options.js'
import type { Adapter, AdapterUser } from '../adapters/types.js'
import type { Awaitable, Theme } from '../base-types.js'

/** A relying party: the site passkeys belong to. Each field may list several values (several origins). */
export interface RelyingParty {
  /** The RP ID: the registrable domain passkeys are scoped to (default: the request's host name). */
  id?: string | string[]
  /** The name shown by the authenticator (default: the request's host). */
  name?: string | string[]
  /** The origins a response may come from (default: the request's origin). */
  origin?: string | string[]
}

export type PasskeySignUpMode = 'verify-email' | 'direct'

/** Which sign-up mail is being sent. */
export type PasskeyMailKind =
  /** A new address: the link opens the page that creates the passkey (and the account). */
  | 'passkey-sign-up'
  /** The address has an account: nothing was created; the link is the sign-in page. */
  | 'passkey-account-exists'

export interface PasskeyMailParams {
  kind: PasskeyMailKind
  /** The normalized address. */
  identifier: string
  url: string
  /** The link's token (also in `url`); empty for `passkey-account-exists`, whose link is the sign-in page. */
  token: string
  expires: Date
  provider: WebAuthnConfig
  theme: Theme
  request: Request
}

/** The user a passkey registration is for, as a WebAuthn options request names it (plus `getUserInfo`'s extra fields). */
export interface WebAuthnUserInfo {
  email: string
  name?: string
  [field: string]: unknown
}

/** `getUserInfo`'s first argument: the Auth.js `InternalOptions` fields it may read. */
export interface WebAuthnUserInfoOptions {
  /** The configured adapter. */
  adapter: Adapter
  /** This passkey provider's configuration. */
  provider: WebAuthnConfig
  /** The public URL of the auth routes, e.g. `https://app.example.com/auth`. */
  url: URL
}

/** `getUserInfo`'s second argument: the Auth.js `RequestInternal` fields of the options request. */
export interface WebAuthnUserInfoRequest {
  url: URL
  method: 'GET' | 'POST'
  /** Lower-case header names. */
  headers: Record<string, string>
  cookies: Record<string, string>
  /** The query parameters (`email`, `name`, `action` and any the app's client adds). */
  query: Record<string, string>
  body?: Record<string, unknown>
}

/**
 * Auth.js's `getUserInfo`: who a signed-out passkey request is about. Return the existing user with `exists: true`, a
 * new user (no `id`; `email` required, `name` and other fields are passed to `createUser`) with `exists: false`,
 * or `null` when the request names nobody. No side effects: it runs on every signed-out options request.
 */
export type GetUserInfo = (
  options: WebAuthnUserInfoOptions,
  request: WebAuthnUserInfoRequest,
) => Promise<{ user: AdapterUser; exists: true } | { user: Omit<AdapterUser, 'id' | 'emailVerified'> & { emailVerified?: Date | null }; exists: false } | null>

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
  /**
   * Auth.js's override of how a signed-out options request names its user (default: the `email` and `name` query
   * parameters, the user looked up with `getUserByEmail`). See {@link GetUserInfo} and docs/guides/passkeys.md.
   */
  getUserInfo?: GetUserInfo
  /** Whether someone without an account may create one with a passkey (default true, as in Auth.js). */
  allowSignUp?: boolean
  /**
   * How a signed-out visitor signs up with a passkey (`action=register` with an `email`); see docs/guides/passkeys.md.
   * - `'verify-email'`: the address is proven by mail first. Every address gets the same answer
   *   (`{ verificationSent: true }`); a new address is mailed a single-use link to a page that creates the passkey,
   *   an address with an account is mailed that it has one. No answer says whether an account exists.
   * - `'direct'`: Auth.js's behaviour and wire format: the options come back at once and the account is created
   *   with the passkey. An address that has an account is refused, which tells that it exists.
   * - `false`: no sign-up with a passkey (same as `allowSignUp: false`).
   * Default: `'verify-email'` when there is a mail sender (this provider's `sendVerificationRequest`, or the app's
   * `Password` provider's), else `'direct'`.
   */
  signUp?: PasskeySignUpMode | false
  /** Sends the sign-up mails of `signUp: 'verify-email'`. Default: the app's `Password` provider's sender. */
  sendVerificationRequest?: (params: PasskeyMailParams) => Awaitable<void>
  /** Seconds a sign-up link lives (default 900, at most 3600). */
  signUpMaxAge?: number
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

/** WebAuthnConfig's declared fields (Omit over its index signature would erase them, and with them the options' types). */
type DeclaredKeys<T> = keyof { [K in keyof T as string extends K ? never : number extends K ? never : K]: T[K] }

export type WebAuthnOptions = Partial<Pick<WebAuthnConfig, Exclude<DeclaredKeys<WebAuthnConfig>, 'type'>>> & { [key: string]: unknown }

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
