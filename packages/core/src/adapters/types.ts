import type { Account, Awaitable, User } from '../base-types.js'
import type { TwoFactorRecord } from '../two-factor/types.js'

export type { TwoFactorRecord }

/** The adapter contract: the same shape as Auth.js adapters, so published ones plug in unchanged. */
export interface AdapterUser extends User {
  id: string
  email: string
  emailVerified: Date | null
}

export interface AdapterAccount extends Account {
  userId: string
  type: 'oauth' | 'oidc' | 'email' | 'webauthn'
}

export interface AdapterSession {
  sessionToken: string
  userId: string
  expires: Date
}

export interface VerificationToken {
  identifier: string
  expires: Date
  token: string
}

/**
 * What adapter methods return. Plain object types without index signatures, so that objects typed with
 * Auth.js's own interfaces (`@auth/core/adapters`) are assignable: published adapters type-check unchanged.
 * Each is assignable to the richer AdapterUser / AdapterAccount used everywhere else.
 */
export type StoredUser = { id: string; email: string; emailVerified: Date | null; name?: string | null; image?: string | null }
export type StoredAccount = { userId: string; type: string; provider: string; providerAccountId: string }
export type StoredSession = { sessionToken: string; userId: string; expires: Date }
type AccountKey = Pick<AdapterAccount, 'provider' | 'providerAccountId'>

/** A WebAuthn credential (passkey), in Auth.js's shape so its adapters' authenticator tables keep working. */
export interface AdapterAuthenticator {
  credentialID: string
  userId: string
  providerAccountId: string
  counter: number
  credentialBackedUp: boolean
  credentialDeviceType: string
  credentialPublicKey: string
  transports?: string | null
}

export interface Adapter {
  createUser?(user: AdapterUser): Awaitable<StoredUser>
  getUser?(id: string): Awaitable<StoredUser | null>
  getUserByEmail?(email: string): Awaitable<StoredUser | null>
  getUserByAccount?(providerAccountId: AccountKey): Awaitable<StoredUser | null>
  updateUser?(user: Partial<AdapterUser> & Pick<AdapterUser, 'id'>): Awaitable<StoredUser>
  deleteUser?(userId: string): Promise<void> | Awaitable<StoredUser | null | undefined>
  linkAccount?(account: AdapterAccount): Promise<void> | Awaitable<StoredAccount | null | undefined>
  unlinkAccount?(providerAccountId: AccountKey): Promise<void> | Awaitable<StoredAccount | undefined>
  createSession?(session: { sessionToken: string; userId: string; expires: Date }): Awaitable<StoredSession>
  getSessionAndUser?(sessionToken: string): Awaitable<{ session: StoredSession; user: StoredUser } | null>
  updateSession?(session: Partial<AdapterSession> & Pick<AdapterSession, 'sessionToken'>): Awaitable<StoredSession | null | undefined>
  deleteSession?(sessionToken: string): Promise<void> | Awaitable<StoredSession | null | undefined>
  createVerificationToken?(verificationToken: VerificationToken): Awaitable<VerificationToken | null | undefined>
  useVerificationToken?(params: { identifier: string; token: string }): Awaitable<VerificationToken | null>
  /** Latch extensions (optional): session management. */
  listSessions?(userId: string): Awaitable<StoredSession[]>
  deleteSessionsByUser?(userId: string): Awaitable<void>
  /**
   * The user's session version; null when the adapter has no such user (deleted): a JWT stamped as an adapter
   * user's (session/version.ts) is then no session. Older adapters that answer 0 keep working.
   */
  getSessionVersion?(userId: string): Awaitable<number | null>
  bumpSessionVersion?(userId: string): Awaitable<number>
  /**
   * Latch extensions (optional, all four or none): refresh-token rotation across instances. `key` is a
   * SHA-256 hash (never the raw refresh token); the result is an encrypted JWE. See oauth/refresh-lock.ts.
   * Take the lock when free (or expired) for `ttlMs`: a random fencing token, or null when held.
   */
  acquireRefreshLock?(key: string, ttlMs: number): Awaitable<string | null>
  /** Free the lock only if `fencingToken` still holds it (compare and delete). */
  releaseRefreshLock?(key: string, fencingToken: string): Awaitable<void>
  /** Keep a finished refresh's encrypted result for `ttlMs`, for waiters on other instances. */
  setRefreshResult?(key: string, value: string, ttlMs: number): Awaitable<void>
  /** The stored result, or null when none (or expired). */
  getRefreshResult?(key: string): Awaitable<string | null>
  /** Latch extension (optional): account management lists the user's linked accounts (account/). */
  listAccounts?(userId: string): Awaitable<StoredAccount[]>
  /**
   * Latch extensions (optional): e-mail + password accounts (passwords/). The stored hash is one self-describing
   * string (algorithm and parameters included); null when the user has no password. `null` in set removes it.
   */
  getPasswordHash?(userId: string): Awaitable<string | null>
  setPasswordHash?(userId: string, hash: string | null): Awaitable<void>
  /** Auth.js's WebAuthn methods (passkeys/), same names and shapes. `getAccount` finds one account by its key. */
  getAccount?(providerAccountId: string, provider: string): Awaitable<StoredAccount | null>
  getAuthenticator?(credentialID: string): Awaitable<AdapterAuthenticator | null>
  createAuthenticator?(authenticator: AdapterAuthenticator): Awaitable<AdapterAuthenticator>
  listAuthenticatorsByUserId?(userId: string): Awaitable<AdapterAuthenticator[]>
  updateAuthenticatorCounter?(credentialID: string, newCounter: number): Awaitable<AdapterAuthenticator>
  /** Latch extension (optional): remove one passkey (passkeys/). */
  deleteAuthenticator?(credentialID: string): Awaitable<void>

  /**
   * Latch extensions (optional, all four or none): two-factor sign-in (two-factor/, docs/guides/two-factor.md).
   * One record per user; the secret in it is already encrypted by core. A store keeps it with the user and drops
   * it when the user is deleted.
   * getTwoFactor: the user's record, or null.
   */
  getTwoFactor?(userId: string): Awaitable<TwoFactorRecord | null>
  /**
   * Latch extension (optional): true when `getSessionAndUser` returns the user with `twoFactorEnabled: true` when
   * the user has confirmed two-factor sign-in, and without the field otherwise. Without it, a database session of a
   * user without the field costs one `getTwoFactor` call to tell (two-factor/enabled.ts).
   */
  reportsTwoFactorEnabled?(): Awaitable<boolean>
  /** Replace the user's record; null removes it. */
  setTwoFactor?(userId: string, record: TwoFactorRecord | null): Awaitable<void>
  /**
   * Atomically record that the TOTP code of time step `step` was used: true when the record exists and its
   * `lastUsedStep` was null or below `step` (now `step`), false otherwise (a reused or older code). Of two
   * concurrent calls with the same step, exactly one gets true.
   */
  markTotpStep?(userId: string, step: number): Awaitable<boolean>
  /**
   * Atomically remove `codeHash` from the record's `recoveryCodes`: true when it was there. Of two concurrent
   * calls with the same hash, exactly one gets true.
   */
  useRecoveryCode?(userId: string, codeHash: string): Awaitable<boolean>
}
