import type { EndpointConfig, OAuthConfig, UserinfoConfig } from './types.js'

type Endpoint = EndpointConfig | UserinfoConfig | undefined

function mergeEndpoint(base: Endpoint, override: Endpoint): Endpoint {
  if (override === undefined) return base
  if (base === undefined) return override
  const b = typeof base === 'string' ? { url: base } : base
  // A URL string replaces the URL only; the factory's params stay.
  const o = typeof override === 'string' ? { url: override } : override
  return { ...b, ...o, params: { ...(b.params ?? {}), ...(o.params ?? {}) } }
}

/**
 * Build a provider from factory defaults and user options: a NEW object every call, the inputs are
 * never mutated. Endpoints and `client` are merged one level deep (so `authorization: { params: { prompt } }`
 * adds to the default scope); everything else is replaced. The user options are kept as `options`.
 */
export function defineProvider<P extends Record<string, unknown>>(
  defaults: OAuthConfig<P>,
  options: Partial<OAuthConfig<P>> = {},
): OAuthConfig<P> {
  const out = { ...defaults, ...options } as OAuthConfig<P>
  out.authorization = mergeEndpoint(defaults.authorization, options.authorization) as EndpointConfig | undefined
  out.token = mergeEndpoint(defaults.token, options.token) as EndpointConfig | undefined
  out.userinfo = mergeEndpoint(defaults.userinfo, options.userinfo) as UserinfoConfig | undefined
  if (defaults.client || options.client) out.client = { ...(defaults.client ?? {}), ...(options.client ?? {}) }
  if (defaults.style || options.style) out.style = { ...(defaults.style ?? {}), ...(options.style ?? {}) }
  if (defaults.checks) out.checks = [...(options.checks ?? defaults.checks)]
  out.options = { ...(options as Record<string, unknown>) }
  return out
}

/**
 * The `emailVerified` a provider's `profile()` reports: now, when the identity provider affirms the address
 * with the boolean `true`; otherwise null. `"true"`, `1`, `"yes"`, `"false"`, `0`, `null` or an absent claim are
 * not an affirmation. Core stores `emailVerified` on OAuth-created users and allows dangerous email linking only
 * from this value (see SECURITY.md, "Email verification by provider").
 */
export function affirmedEmail(claim: unknown): Date | null {
  return claim === true ? new Date() : null
}

/** The standard claims of OpenID Connect Core §5.1 that identity servers send in id_tokens and userinfo. */
export interface StandardClaims extends Record<string, unknown> {
  sub: string
  name?: string
  given_name?: string
  family_name?: string
  nickname?: string
  preferred_username?: string
  email?: string
  email_verified?: boolean
  picture?: string
  locale?: string
  zoneinfo?: string
}

/**
 * A standards-following OIDC identity server (Keycloak, Okta, Auth0, ...): discovery from `issuer`, the
 * `openid profile email` scope, and the standard claims mapped to the user. `displayName` picks the claim
 * used when `name` is absent.
 */
export function standardOidc<P extends StandardClaims>(
  base: { id: string; name: string; displayName?: (p: P) => string | undefined },
  options: Partial<OAuthConfig<P>>,
): OAuthConfig<P> {
  const fallback = base.displayName ?? ((p: P) => p.preferred_username)
  return defineProvider<P>(
    {
      id: base.id,
      name: base.name,
      type: 'oidc',
      authorization: { params: { scope: 'openid profile email' } },
      profile: (p) => ({ id: p.sub, name: p.name ?? fallback(p) ?? null, email: p.email ?? null, emailVerified: affirmedEmail(p.email_verified), image: p.picture ?? null }),
    },
    options,
  )
}
