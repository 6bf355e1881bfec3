export { Auth } from './auth.js'
export { asSession, authBasePath, checkSession, getSession, sessionFromResponse, type SessionCheck } from './get-session.js'
export { readEnv, applyEnv, withProviderEnv, type EnvConfig, type EnvRecord } from './env.js'
export { skipCSRFCheck, raw, customFetch } from './symbols.js'
export { setClientAddress } from './http/client-address.js'
export { setWaitUntil, type WaitUntil } from './background/wait-until.js'
export { forwardedHost, forwardedProto, lastForwarded } from './http/forwarded.js'
export { hardenHeaders, hardenResponse, type HardenFacts, type HeaderAccess } from './http/harden.js'
export { safeRedirect, safeRedirectPath, sameOriginUrl, signInRedirect } from './http/safe-redirect.js'
export * from './errors.js'
export type * from './types.js'
export type { ResponseInternal } from './context.js'
export type { Cookie } from './http/cookies.js'
export type { HttpOptions } from './oauth/limited-fetch.js'
export type { CookieOption, CookiesOptions } from './http/cookie-names.js'
export type {
  Provider,
  ProviderInput,
  ProviderType,
  OAuthConfig,
  OIDCConfig,
  CredentialsConfig,
  EmailConfig,
  TokenSet,
} from './providers/types.js'
export type { Adapter, AdapterUser, AdapterAccount, AdapterSession, AdapterAuthenticator, VerificationToken } from './adapters/types.js'
export type { TwoFactorConfig, TwoFactorRecord } from './two-factor/types.js'
