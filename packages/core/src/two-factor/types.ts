import type { Awaitable, User } from '../base-types.js'

/**
 * `config.twoFactor`: TOTP (RFC 6238) as a second step after any first factor. Off when absent. See
 * docs/guides/two-factor.md. Needs an adapter with the two-factor methods (getTwoFactor, setTwoFactor,
 * markTotpStep, useRecoveryCode).
 */
export interface TwoFactorConfig {
  /** The issuer shown in authenticator apps (`otpauth://` `issuer`). Default: the app's host name. */
  issuer?: string
  /**
   * Whether a user who has not enrolled must do so before a session is issued: `true`, `false` (default), or a
   * function of the user the first factor signed in. A required user without 2FA is taken to the enrollment
   * page with the pending state (not a session), and signed in once the first code confirms it.
   */
  required?: boolean | ((user: User) => Awaitable<boolean>)
  /** A passkey sign-in with user verification counts as both factors. Default true. */
  passkeyCountsAsTwoFactors?: boolean
  /** Seconds the pending state between the first and the second factor lives. Default 300, 60 to 900. */
  pendingMaxAge?: number
  /** Recovery codes issued at enrollment and on regeneration. Default 10, 4 to 20. */
  recoveryCodes?: number
  /** Attempts per user (and, separately, per client address) per window. Default 5 per 5 minutes. */
  rateLimit?: { max: number; windowSeconds: number }
}

/** What the adapter stores for a user's second factor. */
export interface TwoFactorRecord {
  /** The TOTP secret, encrypted by core (never the plain secret): `v1.<kid>.<iv>.<ciphertext>`. */
  secret: string
  /** When enrollment was confirmed with a first code; null while enrollment is pending (not yet active). */
  confirmedAt: Date | null
  /** The last accepted TOTP time step (a code of this step or an earlier one is never accepted again); null when none. */
  lastUsedStep: number | null
  /** Keyed hashes (HMAC-SHA-256, hex) of the unused recovery codes. */
  recoveryCodes: string[]
}
