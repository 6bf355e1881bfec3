/**
 * Latch's error model (after jose): one base class, a stable `code` union.
 * Catch `AuthError` and switch on `code`; never parse messages.
 */
export type AuthErrorCode =
  | 'AccessDenied'
  | 'AdapterError'
  | 'CallbackRouteError'
  | 'Configuration'
  | 'CredentialsSignin'
  | 'EmailNotVerified'
  | 'EmailSignin'
  | 'EventError'
  | 'InvalidCallbackUrl'
  | 'InvalidCheck'
  | 'InvalidProvider'
  | 'InvalidRequest'
  | 'JWTSessionError'
  | 'MissingAdapter'
  | 'MissingCSRF'
  | 'MissingSecret'
  | 'OAuthAccountNotLinked'
  | 'OAuthCallbackError'
  | 'OAuthProviderUnavailable'
  | 'OAuthSignin'
  | 'PasswordPolicy'
  | 'RateLimited'
  | 'RefreshAccessTokenError'
  | 'SessionNotFresh'
  | 'SessionRequired'
  | 'SessionTokenError'
  | 'StoreUnavailable'
  | 'TwoFactorCodeInvalid'
  | 'TwoFactorPendingInvalid'
  | 'UnknownAction'
  | 'UntrustedHost'
  | 'UnsupportedStrategy'
  | 'Verification'

export class AuthError extends Error {
  /** Stable machine-readable code. */
  readonly code: AuthErrorCode = 'Configuration'
  override readonly name: string = 'AuthError'
  constructor(message?: string, options?: { cause?: unknown }) {
    super(message, options)
  }
  /** Auth.js v5 calls this `type`; kept as an alias so migrated code keeps working. */
  get type(): AuthErrorCode {
    return this.code
  }
}

function define<C extends AuthErrorCode>(code: C, fallback: string) {
  return class extends AuthError {
    override readonly code: C = code
    override readonly name: string = code
    constructor(message: string = fallback, options?: { cause?: unknown }) {
      super(message, options)
    }
  }
}

export class AccessDenied extends define('AccessDenied', 'Access denied by the signIn callback') {}
export class AdapterError extends define('AdapterError', 'The database adapter failed') {}
export class CallbackRouteError extends define('CallbackRouteError', 'The callback could not be completed') {}
export class Configuration extends define('Configuration', 'Latch is misconfigured') {}
/** Password sign-in before the address is verified (a new verification link was sent). */
export class EmailNotVerified extends define('EmailNotVerified', 'Verify your email address first; a new link was sent') {}
export class EmailSignin extends define('EmailSignin', 'Sending the sign-in email failed') {}
export class EventError extends define('EventError', 'An events handler threw') {}
export class InvalidCallbackUrl extends define('InvalidCallbackUrl', 'The callbackUrl is not allowed') {}
export class InvalidCheck extends define('InvalidCheck', 'A state, PKCE or nonce check failed') {}
export class InvalidProvider extends define('InvalidProvider', 'No such provider') {}
export class InvalidRequest extends define('InvalidRequest', 'The request is malformed') {}
export class JWTSessionError extends define('JWTSessionError', 'The session token could not be read') {}
export class MissingAdapter extends define('MissingAdapter', 'This feature needs an adapter') {}
export class MissingCSRF extends define('MissingCSRF', 'CSRF token missing or invalid') {}
export class MissingSecret extends define('MissingSecret', 'No secret: set AUTH_SECRET or config.secret (openssl rand -base64 33)') {}
export class OAuthAccountNotLinked extends define('OAuthAccountNotLinked', 'The account is already linked to another user') {}
export class OAuthCallbackError extends define('OAuthCallbackError', 'The OAuth callback failed') {}
/** A provider call timed out or answered more than the size cap (`httpOptions`): the error page, status 503. */
export class OAuthProviderUnavailable extends define('OAuthProviderUnavailable', 'The OAuth provider did not answer in time or answered too much') {}
export class OAuthSignin extends define('OAuthSignin', 'Starting the OAuth sign-in failed') {}
/** A new password breaks the provider's policy (too short, too long, or known to be compromised). */
export class PasswordPolicy extends define('PasswordPolicy', 'The password does not meet the requirements') {}
export class RateLimited extends define('RateLimited', 'Too many attempts; retry later') {}
export class RefreshAccessTokenError extends define('RefreshAccessTokenError', 'Refreshing the access token failed') {}
/**
 * The database or rate-limit store is down, restarting or too slow (connection refused or reset, a connect or query
 * timeout): 503 with `Retry-After` for JSON clients, the error page (status 503) for browsers. Nothing is granted.
 */
export class StoreUnavailable extends define('StoreUnavailable', 'The session store is unavailable; retry shortly') {}
/** An action on the signed-in user's account without a session: 401 (JSON) or the sign-in page. */
export class SessionRequired extends define('SessionRequired', 'Sign in first') {}
/**
 * A sensitive action (change password or e-mail, unlink, delete, two-factor changes) whose session began longer
 * ago than `session.freshAge`: 403 (JSON) or the sign-in page, where the user signs in again.
 */
export class SessionNotFresh extends define('SessionNotFresh', 'Sign in again to do this') {}
/** Two-factor (two-factor/): the TOTP or recovery code is wrong, already used, or outside the time window. 400. */
export class TwoFactorCodeInvalid extends define('TwoFactorCodeInvalid', 'The code is wrong or was already used') {}
/**
 * Two-factor: no pending sign-in for this browser at the code step (absent, expired, tampered, or from another
 * browser). The sign-in page, where the user starts again; nothing is granted.
 */
export class TwoFactorPendingInvalid extends define('TwoFactorPendingInvalid', 'The sign-in expired; start again') {}
export class SessionTokenError extends define('SessionTokenError', 'The session could not be read') {}
export class UnknownAction extends define('UnknownAction', 'Unknown auth action') {}
export class UntrustedHost extends define('UntrustedHost', 'Untrusted host') {}
export class UnsupportedStrategy extends define('UnsupportedStrategy', 'Unsupported session strategy') {}
export class Verification extends define('Verification', 'The verification token is invalid or expired') {}

/**
 * Thrown from a credentials `authorize()` to reject a sign-in. `reason` reaches the sign-in page
 * as `?error=CredentialsSignin&code=<reason>`. Auth.js code that sets `code = "..."` on a subclass
 * keeps working at run time: a non-standard `code` is read as the reason.
 */
export class CredentialsSignin extends AuthError {
  override readonly code: AuthErrorCode = 'CredentialsSignin'
  override readonly name: string = 'CredentialsSignin'
  reason = 'credentials'
  constructor(message = 'Sign-in with credentials failed', options?: { cause?: unknown; reason?: string }) {
    super(message, options)
    if (options?.reason) this.reason = options.reason
  }
}

/** The errors a client-safe `?error=` code stands for (CredentialsSignin, which carries a reason, aside). */
const BY_CODE: Record<string, new () => AuthError> = {
  AccessDenied,
  EmailNotVerified,
  EmailSignin,
  InvalidCheck,
  InvalidProvider,
  MissingCSRF,
  OAuthAccountNotLinked,
  OAuthCallbackError,
  OAuthProviderUnavailable,
  OAuthSignin,
  PasswordPolicy,
  RateLimited,
  SessionNotFresh,
  SessionRequired,
  StoreUnavailable,
  TwoFactorCodeInvalid,
  TwoFactorPendingInvalid,
  Verification,
}

/** Codes that may be shown to the browser as `?error=`; anything else is reported as `Configuration`. */
const CLIENT_SAFE = new Set<string>([...Object.keys(BY_CODE), 'CredentialsSignin'])

/** Errors that Auth.js shows on the sign-in page rather than the error page. */
const SIGNIN_PAGE = new Set<string>([
  'CredentialsSignin',
  'EmailNotVerified',
  'EmailSignin',
  'OAuthAccountNotLinked',
  'OAuthCallbackError',
  'OAuthSignin',
  'InvalidCheck',
  'RateLimited',
  'SessionNotFresh',
  'SessionRequired',
  'TwoFactorPendingInvalid',
])

export function clientCode(error: unknown): string {
  if (error instanceof CredentialsSignin) return 'CredentialsSignin'
  if (error instanceof AuthError && CLIENT_SAFE.has(error.code)) return error.code
  return 'Configuration'
}

export function isSigninPageError(code: string): boolean {
  return SIGNIN_PAGE.has(code)
}

/** The custom code of a CredentialsSignin, accepting Auth.js-style `code` overrides. */
export function credentialsReason(error: CredentialsSignin): string {
  const code = error.code as string
  if (code !== 'CredentialsSignin') return code
  return error.reason
}

export function isAuthError(error: unknown): error is AuthError {
  return error instanceof AuthError
}

/**
 * The error a client-safe `?error=` code stands for, so a server-side `signIn()` can throw what Auth.js
 * users catch (`error instanceof AuthError`, `error.type === 'CredentialsSignin'`). Unknown codes are Configuration.
 */
export function errorFromCode(code: string, reason?: string): AuthError {
  if (code === 'CredentialsSignin') return new CredentialsSignin(undefined, reason ? { reason } : undefined)
  const Ctor = Object.hasOwn(BY_CODE, code) ? BY_CODE[code]! : Configuration
  return new Ctor()
}
