/**
 * The leaf types every part of the core builds on: the augmentable `User` and `Session`, `Account`, `Profile`,
 * `Theme`, `Awaitable`. They import nothing, so the modules that make up `AuthConfig` (adapters, providers,
 * two-factor, passwords, ...) can use them without importing `types.ts`, which imports all of those.
 * `types.ts` re-exports every name here: augment `@latch/core/types` (or a framework package) as before.
 */
export type Awaitable<T> = T | PromiseLike<T>

/** ISO 8601 date-time string, as in `session.expires`. */
export type ISODateString = string

/**
 * The user fields Latch itself knows. Augment `User` (not this) to add your own:
 *
 *   declare module '@latch/next' { interface User { role?: 'admin' | 'user' } }
 *
 * `User`, `Session` and `JWT` are declared once here (and in `tokens/jwt-types.ts`) and only re-exported by
 * `@latch/core`, `@latch/core/types`, `@latch/core/jwt` and the framework packages, so an augmentation of any of
 * those modules reaches the one interface that `auth()`, `useSession()`, `getToken()` and the callbacks use.
 */
export interface DefaultUser {
  id?: string
  name?: string | null
  email?: string | null
  /**
   * From an OAuth/OIDC `profile()`: when the identity provider affirmed `email` (a Date), else null. Core
   * trusts nothing else as proof of the address (see SECURITY.md).
   */
  emailVerified?: Date | null
  image?: string | null
  /**
   * With `config.twoFactor`: whether the user has confirmed two-factor sign-in (two-factor/). In the session: the
   * JWT's claim set at sign-in and on enrollment changes, or what the adapter reports with the database session.
   */
  twoFactorEnabled?: boolean
}

/** The user of a callback (`signIn`, `jwt`) or returned by `authorize()`. Augmentable. */
export interface User extends DefaultUser {}

/** What the session endpoint, `auth()` and `useSession()` return without your `session` callback's additions. */
export interface DefaultSession {
  user?: User
  expires: ISODateString
  /** Set by your callbacks, e.g. `'RefreshTokenError'`. */
  error?: string
}

/**
 * The session seen by `auth()`, `getServerSession()`, `useSession()` and the `session`/`authorized` callbacks.
 * Augment it to make your fields typed everywhere:
 *
 *   declare module '@latch/next' {
 *     interface Session { user: { id: string; role: 'admin' | 'user' } & DefaultSession['user'] }
 *   }
 */
export interface Session extends DefaultSession {}

export interface Account {
  provider: string
  type: 'oauth' | 'oidc' | 'email' | 'credentials' | 'webauthn'
  providerAccountId: string
  userId?: string
  access_token?: string
  refresh_token?: string
  expires_at?: number
  expires_in?: number
  id_token?: string
  token_type?: string
  scope?: string
  session_state?: string
  [key: string]: unknown
}

export interface Profile {
  sub?: string | null
  name?: string | null
  email?: string | null
  image?: string | null
  [claim: string]: unknown
}

export interface Theme {
  colorScheme?: 'auto' | 'dark' | 'light'
  logo?: string
  brandColor?: string
  buttonText?: string
}
