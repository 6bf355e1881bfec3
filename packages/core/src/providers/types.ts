import type { Account, Awaitable, Profile, User } from '../base-types.js'
import type { CommonProviderOptions, ProviderType } from './common-options.js'
import type { customFetch } from '../symbols.js'
import type { HttpOptions } from '../oauth/limited-fetch.js'
import type { WebAuthnConfig } from '../passkeys/provider.js'

export type { WebAuthnConfig }
import type { PasswordConfig } from '../passwords/types.js'

export type { ProviderType }

export type { CommonProviderOptions }

/** An endpoint given as a URL or as `{ url, params }`. */
export type EndpointConfig = string | { url?: string; params?: Record<string, string | undefined> }

/** Context given to a custom userinfo `request()` (e.g. GitHub's extra `/user/emails` call). */
export interface UserinfoRequestContext {
  tokens: TokenSet
  provider: OAuthConfig<any>
  /** The injected fetch (config or provider `[customFetch]`, else global fetch). Use it for every call. */
  fetch: typeof fetch
}

/** The userinfo endpoint: a URL, `{ url, params }`, or a custom `request()` returning the raw profile. */
export type UserinfoConfig =
  | EndpointConfig
  | { url?: string; params?: Record<string, string | undefined>; request?: (context: UserinfoRequestContext) => Awaitable<Record<string, unknown>> }

export interface TokenSet {
  access_token?: string
  token_type?: string
  id_token?: string
  refresh_token?: string
  expires_in?: number
  expires_at?: number
  scope?: string
  [key: string]: unknown
}

export type OAuthCheck = 'pkce' | 'state' | 'nonce' | 'none'

export interface OAuthConfig<P extends Record<string, unknown> = Profile> extends CommonProviderOptions {
  type: 'oauth' | 'oidc'
  /** OIDC issuer or OAuth authorization server identifier; enables discovery and RFC 9207 `iss` checks. */
  issuer?: string
  wellKnown?: string
  authorization?: EndpointConfig
  token?: EndpointConfig
  userinfo?: UserinfoConfig
  /** JWKS URI when not discovered. */
  jwks_endpoint?: string
  clientId?: string
  clientSecret?: string
  /** Client metadata, e.g. `{ token_endpoint_auth_method: 'client_secret_post' }`. */
  client?: {
    token_endpoint_auth_method?: 'client_secret_basic' | 'client_secret_post' | 'private_key_jwt' | 'none'
    id_token_signed_response_alg?: string
    [key: string]: unknown
  }
  /** Private key for `private_key_jwt` client authentication. */
  privateKey?: { key: CryptoKey; kid?: string }
  /** Default `['pkce', 'state']`, plus `nonce` for OIDC. */
  checks?: OAuthCheck[]
  /** Whether the userinfo endpoint is called for OIDC providers (default false when the id_token has the claims). */
  idToken?: boolean
  profile?: (profile: P, tokens: TokenSet) => Awaitable<User>
  account?: (tokens: TokenSet) => Awaitable<Partial<Account> | undefined | void>
  allowDangerousEmailAccountLinking?: boolean
  /** Pushed Authorization Requests (RFC 9126). */
  par?: boolean
  /** DPoP-bound tokens (RFC 9449): a key pair for the proof. */
  dpop?: CryptoKeyPair
  /** Refresh an expired access token in the jwt flow. */
  refresh?: boolean | { skewSeconds?: number }
  /** Provider-specific extra calls (GitHub emails, ...) use this when set. */
  [customFetch]?: typeof fetch
  /** Limits on this provider's calls: `timeout` (ms) and `maxResponseSize` (bytes); over the config's `httpOptions`. */
  httpOptions?: HttpOptions
  style?: { logo?: string; bg?: string; text?: string }
  /** Only for tests/dev against http://127.0.0.1 or http://localhost issuers. */
  allowInsecureRequests?: boolean
  redirectProxyUrl?: string
  /**
   * Rebuild the provider from values the environment supplies (`AUTH_<ID>_ID` / `_SECRET` / `_ISSUER`),
   * for providers whose endpoints or parameters derive from them (Mastodon's endpoints live under its
   * issuer; TikTok sends the client id as `client_key`). Called by `applyEnv` / `withProviderEnv` only.
   */
  rebuild?: (filled: { clientId?: string; clientSecret?: string; issuer?: string }) => OAuthConfig<any>
}

export type OIDCConfig<P extends Record<string, unknown> = Profile> = OAuthConfig<P> & { type: 'oidc' }

export interface CredentialInput {
  label?: string
  type?: string
  placeholder?: string
  value?: string
  [key: string]: unknown
}

export interface CredentialsConfig<C extends Record<string, CredentialInput> = Record<string, CredentialInput>>
  extends CommonProviderOptions {
  type: 'credentials'
  credentials: C
  /** Receives the declared fields and any other field the sign-in form posted (never csrfToken or callbackUrl). */
  authorize: (credentials: Partial<Record<keyof C, unknown>> & Record<string, unknown>, request: Request) => Awaitable<User | null>
}

export interface EmailConfig extends CommonProviderOptions {
  type: 'email'
  from?: string
  /** Seconds a magic link stays valid. Default 24 hours. */
  maxAge?: number
  sendVerificationRequest: (params: {
    identifier: string
    url: string
    expires: Date
    provider: EmailConfig
    token: string
    theme: import('../base-types.js').Theme
    request: Request
  }) => Awaitable<void>
  generateVerificationToken?: () => Awaitable<string>
  normalizeIdentifier?: (identifier: string) => string
  server?: unknown
  secret?: string
}

export type Provider = OAuthConfig<any> | CredentialsConfig<any> | EmailConfig | PasswordConfig | WebAuthnConfig
/** Auth.js accepts a provider object or its factory uncalled (`providers: [GitHub]`). */
export type ProviderInput = Provider | (() => Provider)
