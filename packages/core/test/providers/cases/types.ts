import type { OAuthCheck, OAuthConfig } from '../../../src/providers/types.js'

/** One OAuth/OIDC provider module: its documented profile sample, the user it maps to, its endpoints. */
export interface ProviderCase {
  /** Module name under `@latch/core/providers/`. */
  name: string
  create: (options: any) => OAuthConfig<any>
  /** Options the provider needs besides clientId/clientSecret (issuer, tenant...). */
  options?: Record<string, unknown>
  /** The profile API answer in the provider's documented shape (id_token claims for OIDC). */
  profile: Record<string, unknown>
  /** The profile as the userinfo step hands it to profile(), when extra calls add to `profile` (GitHub's e-mail). */
  merged?: Record<string, unknown>
  /** Other API answers by URL path (`/user/emails`...). */
  responses?: Record<string, unknown>
  /** Extra token-response fields the provider documents (e.g. the user id or e-mail). */
  tokenExtra?: Record<string, unknown>
  /** The expected user; `emailVerified: true` means a Date, `false` null, absent: not asserted. */
  user: { id: string; name: string | null; email: string | null; image: string | null; emailVerified?: boolean }
  /** Documented endpoints (plain OAuth 2) or issuer (OIDC). */
  authorization?: string
  token?: string
  userinfo?: string
  issuer?: string
  scope?: string
  /** Checks when not the default (`pkce`, `state`, plus `nonce` for OIDC). */
  checks?: OAuthCheck[]
  /** The stand-in fetch goes on the provider (`[customFetch]` option) instead of the config (WeChat wraps its own). */
  providerFetch?: boolean
  /** Token endpoint client authentication when not client_secret_basic. */
  clientAuth?: 'post'
}

export const oidcTimes = { iat: 1700000000, exp: 1700003600 }
