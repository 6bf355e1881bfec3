import type { Adapter, AdapterUser } from './adapters/types.js'
import type { CookiesOptions } from './http/cookie-names.js'
import type { JWT, JWTOptions } from './tokens/jwt-types.js'
import type { Provider, ProviderInput } from './providers/types.js'
import type { raw, skipCSRFCheck, customFetch } from './symbols.js'
import type { HttpOptions } from './oauth/limited-fetch.js'
import type { AuthError } from './errors.js'
import type { RateLimitConfig } from './rate-limit/types.js'
import type { AccountOptions } from './account/types.js'
import type { TwoFactorConfig } from './two-factor/types.js'
import type { Awaitable, User, Session, Account, Profile, Theme } from './base-types.js'

export type { JWT, JWTOptions, DefaultJWT } from './tokens/jwt-types.js'
export type { AccountOptions, AccountEmail } from './account/types.js'
export type {
  Awaitable,
  ISODateString,
  DefaultUser,
  User,
  DefaultSession,
  Session,
  Account,
  Profile,
  Theme,
} from './base-types.js'
/**
 * Latch's pages beyond Auth.js's five (docs/reference/pages.md): set one to serve that page from your app. A
 * browser is redirected there with the query parameters the built-in page uses.
 */
export interface LatchPages {
  /** The password sign-up form (GET {basePath}/signup/:provider): `callbackUrl`, `provider`, `error`. */
  signUp?: string
  /** The forgot-password form (GET {basePath}/password/forgot): `callbackUrl`, `provider`, `error`. */
  forgotPassword?: string
  /** The new-password form a reset link opens (GET {basePath}/password/reset): `token`, `email`, `callbackUrl`, `error`. */
  resetPassword?: string
  /** The confirmation a verification link opens (GET {basePath}/verify-email): `token`, `email`, `callbackUrl`. */
  verifyEmail?: string
  /** The account page (GET {basePath}/account for browsers, and where account actions return): `done`, `error`. */
  account?: string
  /** The code prompt of a pending two-factor sign-in (GET {basePath}/two-factor): `step` (`verify` or `enroll`), `error`. */
  twoFactor?: string
  /** Two-factor enrollment and management for signed-in users (GET {basePath}/two-factor-setup): `error`. */
  twoFactorSetup?: string
}

export interface PagesOptions extends LatchPages {
  signIn?: string
  signOut?: string
  error?: string
  verifyRequest?: string
  newUser?: string
}

export type SessionStrategy = 'jwt' | 'database'

export interface SessionOptions {
  strategy?: SessionStrategy
  /** Seconds until an idle session expires. Default 30 days. */
  maxAge?: number
  /** Seconds between session cookie / row refreshes. Default 24 hours. */
  updateAge?: number
  generateSessionToken?: () => string
  /**
   * JWT sessions with an adapter that keeps session versions: seconds a user's version is cached in this process,
   * so a warm session check makes no database query. A "sign out everywhere" on another instance takes effect here
   * at most this late; on this instance, at once. Default 5; 0 reads the adapter on every check.
   */
  versionCacheMaxAge?: number
  /**
   * Database sessions: opt-in cache of the session and user in an encrypted cookie (`authjs.session-data`,
   * bound to the session token), so a warm session check makes no database query. `maxAge` is in seconds,
   * 1 to 300. Staleness bound: a session revoked (or a user changed) in the database stays valid (unchanged) on a
   * browser holding a cache cookie for at most `maxAge` seconds. Sign-out, session updates and `updateAge`
   * extensions rewrite or clear the cookie. Off by default; ignored by the JWT strategy.
   */
  cookieCache?: { maxAge: number }
  /**
   * Seconds after a sign-in during which the session counts as recent: sensitive actions (change password or
   * e-mail, unlink an account, delete the account, two-factor changes) need it, else `SessionNotFresh` and the
   * user signs in again. Default 600 (10 minutes), at most 86400.
   */
  freshAge?: number
}

export type JWTCallbackTrigger = 'signIn' | 'signUp' | 'update'

export interface CallbacksOptions {
  signIn?: (params: {
    user: User
    account: Account | null
    profile?: Profile
    email?: { verificationRequest?: boolean }
    credentials?: Record<string, unknown>
  }) => Awaitable<boolean | string>
  redirect?: (params: { url: string; baseUrl: string }) => Awaitable<string>
  session?: (params: {
    session: Session
    token: JWT
    user: AdapterUser
    newSession?: unknown
    trigger?: 'update'
  }) => Awaitable<Session | Record<string, unknown>>
  jwt?: (params: {
    token: JWT
    user?: User | AdapterUser
    account?: Account | null
    profile?: Profile
    trigger?: JWTCallbackTrigger
    isNewUser?: boolean
    session?: any
  }) => Awaitable<JWT | null>
}

export interface EventsOptions {
  signIn?: (message: { user: User; account: Account | null; profile?: Profile; isNewUser?: boolean }) => Awaitable<void>
  signOut?: (message: { token: JWT | null } | { session: unknown }) => Awaitable<void>
  createUser?: (message: { user: User }) => Awaitable<void>
  updateUser?: (message: { user: User }) => Awaitable<void>
  linkAccount?: (message: { user: User; account: Account; profile: User | Profile }) => Awaitable<void>
  /** A user deleted their account (account/): their sessions, accounts, passkeys and password are gone. */
  deleteUser?: (message: { user: User }) => Awaitable<void>
  session?: (message: { session: Session; token: JWT }) => Awaitable<void>
}

export interface LoggerInstance {
  error: (error: Error) => void
  warn: (code: string, message?: string) => void
  debug: (message: string, metadata?: unknown) => void
}

export interface AuthConfig {
  providers: ProviderInput[]
  /** AUTH_SECRET. An array rotates secrets: the first encrypts, any decrypts. */
  secret?: string | string[]
  /** AUTH_URL: the canonical public URL. When set, forwarded headers are ignored. */
  url?: string | URL
  session?: SessionOptions
  jwt?: Partial<JWTOptions>
  pages?: PagesOptions
  callbacks?: CallbacksOptions
  events?: EventsOptions
  adapter?: Adapter
  debug?: boolean
  logger?: Partial<LoggerInstance>
  theme?: Theme
  useSecureCookies?: boolean
  cookies?: Partial<CookiesOptions>
  /** Trust X-Forwarded-Host / X-Forwarded-Proto. Only behind a proxy you control. */
  trustHost?: boolean
  /** Default `/auth`. */
  basePath?: string
  skipCSRFCheck?: typeof skipCSRFCheck
  raw?: typeof raw
  /** fetch used for every outgoing request (discovery, token, userinfo, provider calls). */
  [customFetch]?: typeof fetch
  /** Limits on every provider call: `timeout` (ms, default 10000) and `maxResponseSize` (bytes, default 1 MiB). A provider's own `httpOptions` win. */
  httpOptions?: HttpOptions
  experimental?: Record<string, unknown>
  /** Opt-in reading of NextAuth v4 `next-auth.session-token` cookies. */
  legacy?: { nextAuthV4?: boolean }
  /** Injectable clock (seconds since epoch), for tests. */
  clock?: () => number
  /**
   * AUTH_REDIRECT_PROXY_URL: on preview deployments, the stable deployment's auth URL (e.g.
   * `https://app.example.com/api/auth`). OAuth providers then redirect to its callback, which forwards here.
   */
  redirectProxyUrl?: string | URL
  /**
   * AUTH_REDIRECT_PROXY_ORIGINS: on the stable deployment, the deployments it forwards OAuth callbacks to:
   * exact origins or `https://*.example.com` patterns (one label). Empty: nothing is forwarded.
   */
  redirectProxyOrigins?: string[]
  /** Limits on credentials and email sign-in attempts (per identifier and per client IP). Default on, in memory. */
  rateLimit?: RateLimitConfig | false
  /** Account management for signed-in users (`{basePath}/account`): mail sender, link lifetimes. */
  account?: AccountOptions
  /** Two-factor sign-in (TOTP + recovery codes) after any first factor; off when absent. See docs/guides/two-factor.md. */
  twoFactor?: TwoFactorConfig
  /**
   * The platform's `waitUntil` (Workers `ctx.waitUntil`, Vercel/Next `after`): work done after the answer (the mails
   * whose presence would tell whether an account exists) is handed to it. The framework packages pass the
   * platform's own per request where there is one; set this to override. Without either, that work runs on in the
   * process, its failures logged. See docs/guides/passwords.md.
   */
  waitUntil?: (promise: Promise<unknown>) => void
}

export type AuthAction =
  | 'providers'
  | 'session'
  | 'csrf'
  | 'signin'
  | 'signout'
  | 'callback'
  | 'verify-request'
  | 'error'
  | '_log'
  | 'webauthn-options'
  | 'passkeys'
  | 'account'
  | 'signup'
  | 'password'
  | 'verify-email'
  | 'two-factor'
  | 'two-factor-setup'

export type { Provider, ProviderInput, Adapter, AdapterUser, AuthError }
