import type { User } from '../types.js'
import { defineProvider, type StandardClaims } from './provider-defaults.js'
import type { OAuthConfig, OIDCConfig, UserinfoConfig } from './types.js'

/**
 * The building blocks of the provider modules: `oidcProvider` (discovery from `issuer`, state + PKCE +
 * nonce) and `oauth2Provider` (explicit endpoints, state + PKCE), both plain data built by
 * `defineProvider`, plus the `emailVerified` rule every profile mapping follows.
 */

/**
 * `emailVerified` of a mapped user: a Date only when the provider affirms the address is verified
 * (a boolean `true`, never a string or a truthy value), otherwise null.
 */
export function verifiedAt(flag: unknown): Date | null {
  return flag === true ? new Date() : null
}

/** A string claim, or null. */
export function str(value: unknown): string | null {
  return typeof value === 'string' && value !== '' ? value : null
}

/** The user of an OIDC provider from the standard claims; `emailVerified` from `email_verified === true`. */
export function claimsUser(p: StandardClaims): User {
  return {
    id: p.sub,
    name: str(p.name) ?? str(p.preferred_username) ?? str(p.nickname),
    email: str(p.email),
    image: str(p.picture),
    emailVerified: str(p.email) ? verifiedAt(p.email_verified) : null,
  }
}

export interface OidcDefaults<P extends Record<string, unknown>> {
  id: string
  name: string
  issuer?: string
  scope?: string
  profile?: OAuthConfig<P>['profile']
  style?: OAuthConfig<P>['style']
  authorization?: OAuthConfig<P>['authorization']
  client?: OAuthConfig<P>['client']
  rebuild?: OAuthConfig<P>['rebuild']
}

/** An OpenID Connect provider: discovery from `issuer`, id_token validation, checks `pkce`, `state`, `nonce`. */
export function oidcProvider<P extends Record<string, unknown> = StandardClaims>(
  d: OidcDefaults<P>,
  options: Partial<OAuthConfig<P>> = {},
): OIDCConfig<P> {
  const { scope, ...rest } = d
  return defineProvider<P>(
    {
      ...rest,
      type: 'oidc',
      authorization: mergeScope(d.authorization, scope ?? 'openid profile email'),
      profile: d.profile ?? ((p) => claimsUser(p as unknown as StandardClaims)),
    },
    options,
  ) as OIDCConfig<P>
}

export interface OAuth2Defaults<P extends Record<string, unknown>> {
  id: string
  name: string
  authorization: string
  scope?: string
  params?: Record<string, string>
  token: OAuthConfig<P>['token']
  userinfo: UserinfoConfig
  profile: NonNullable<OAuthConfig<P>['profile']>
  issuer?: string
  client?: OAuthConfig<P>['client']
  checks?: OAuthConfig<P>['checks']
  style?: OAuthConfig<P>['style']
  rebuild?: OAuthConfig<P>['rebuild']
}

/** A plain OAuth 2.0 provider: explicit endpoints, checks `pkce` and `state`, and a `profile()` mapping. */
export function oauth2Provider<P extends Record<string, unknown>>(d: OAuth2Defaults<P>, options: Partial<OAuthConfig<P>> = {}): OAuthConfig<P> {
  const { scope, params, authorization, ...rest } = d
  const p: Record<string, string> = { ...(params ?? {}) }
  if (scope !== undefined) p.scope = scope
  return defineProvider<P>({ ...rest, type: 'oauth', authorization: { url: authorization, params: p } }, options)
}

function mergeScope(a: OAuthConfig['authorization'], scope: string): OAuthConfig['authorization'] {
  const base = typeof a === 'string' ? { url: a } : (a ?? {})
  return { ...base, params: { scope, ...(base.params ?? {}) } }
}

/** `https://host/path/` → `https://host/path` (issuers and base URLs given with or without a slash). */
export function trimSlash(url: string | URL | undefined): string | undefined {
  return url === undefined ? undefined : String(url).replace(/\/+$/, '')
}

/** GET a JSON resource with the access token; throws on a non-2xx answer. */
export async function getJson(
  fetchImpl: typeof fetch,
  url: string,
  headers: Record<string, string>,
  init: RequestInit = {},
): Promise<Record<string, unknown>> {
  const res = await fetchImpl(url, { ...init, headers: { accept: 'application/json', ...headers } })
  if (!res.ok) throw new Error(`${new URL(url).host} answered ${res.status}`)
  const body = (await res.json()) as unknown
  if (!body || typeof body !== 'object' || Array.isArray(body)) throw new Error(`${new URL(url).host} answered no JSON object`)
  return body as Record<string, unknown>
}
