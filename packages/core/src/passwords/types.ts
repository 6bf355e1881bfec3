import type { Awaitable, Theme } from '../base-types.js'
import type { CommonProviderOptions } from '../providers/common-options.js'
import type { ScryptParams } from './hash.js'

/** Which mail the password provider is sending. */
export type PasswordMailKind =
  /** After sign-up (and on a sign-in before the address is verified): the link verifies the address. */
  | 'verify-email'
  /** Forgot password: the link opens the form that sets a new password. */
  | 'reset-password'
  /**
   * Someone signed up with an address that already has an account. Nothing was changed or merged; the link is a
   * password-reset link, so the owner of the mailbox can set a password on their account (proving the address).
   */
  | 'account-exists'

export interface PasswordMailParams {
  kind: PasswordMailKind
  /** The normalized address. */
  identifier: string
  /** The link (it opens a page that POSTs; opening it changes nothing). */
  url: string
  expires: Date
  token: string
  provider: PasswordConfig
  theme: Theme
  request: Request
}

/** `Password()` options, also the resolved provider (`type: 'password'`). See docs/guides/passwords.md. */
export interface PasswordConfig extends CommonProviderOptions {
  type: 'password'
  /** Sends the provider's mails (verification, reset, "you already have an account"). Required. */
  sendVerificationRequest: (params: PasswordMailParams) => Awaitable<void>
  /** Minimum length in characters (after NFKC). Default 8. */
  minLength?: number
  /** Maximum length in characters, checked before anything is hashed. Default 128. */
  maxLength?: number
  /** A breach check (e.g. Have I Been Pwned's k-anonymity API): true refuses the password at sign-up, reset and change. */
  isCompromised?: (password: string) => Awaitable<boolean>
  /** scrypt cost for new hashes (stored with each hash). Default `{ ln: 17, r: 8, p: 1 }`. */
  scrypt?: Partial<ScryptParams>
  /** Custom hashing (replaces scrypt for new hashes). */
  hash?: (password: string) => Awaitable<string>
  /**
   * Custom verification, e.g. bcrypt for migrated users:
   * `verify: (pw, hash) => hash.startsWith('$2') ? bcrypt.compare(pw, hash) : verifyPassword(pw, hash)`.
   */
  verify?: (password: string, hash: string) => Awaitable<boolean>
  /**
   * Whether a stored hash is replaced after a successful sign-in. Default: with the built-in hash, any hash that is
   * not scrypt at the configured cost (so bcrypt hashes become scrypt); with a custom `hash`, never.
   */
  needsRehash?: (hash: string) => boolean
  /** Password sign-in only once the address is verified (a sign-in before that re-sends the link). Default true. */
  requireEmailVerification?: boolean
  /** A change or reset signs the user out everywhere else (JWT sessions through the session version). Default true. */
  revokeSessions?: boolean
  /** Seconds a reset link stays valid. Default 3600. */
  resetMaxAge?: number
  /** Seconds a verification link stays valid. Default 86400. */
  verificationMaxAge?: number
  /** Normalize the typed address before the built-in rules (as the email provider's option). */
  normalizeIdentifier?: (identifier: string) => string
  /** Secret the link tokens are hashed with. Default: AUTH_SECRET. */
  secret?: string
}
