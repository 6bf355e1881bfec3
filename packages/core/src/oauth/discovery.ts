import * as oauth from 'oauth4webapi'
import { AuthError, Configuration, OAuthSignin } from '../errors.js'
import type { EndpointConfig, OAuthConfig, UserinfoConfig } from '../providers/types.js'
import { entraDiscoveryIssuer, entraMultiTenant } from './entra.js'
import { peekJson } from './peek-json.js'
import { assertTransportAllowed, describe, safeCause, transport } from './transport.js'

/** Seconds a discovered metadata document is reused. */
const DISCOVERY_TTL = 60 * 60
const MAX_ENTRIES = 100

interface Entry {
  at: number
  value: Promise<oauth.AuthorizationServer>
}
const discovered = new Map<string, Entry>()
const jwksCaches = new Map<string, oauth.JWKSCacheInput>()

/** Placeholder issuer for plain OAuth 2.0 providers without one (GitHub...): `iss` can't be checked for them. */
export const UNKNOWN_ISSUER_PREFIX = 'https://issuer.latch.invalid/'

export function endpointUrl(e: EndpointConfig | UserinfoConfig | undefined): string | undefined {
  if (typeof e === 'string') return e
  return e?.url
}

export function endpointParams(e: EndpointConfig | UserinfoConfig | undefined): Record<string, string> {
  const out: Record<string, string> = {}
  if (e && typeof e === 'object' && e.params) {
    for (const [k, v] of Object.entries(e.params)) if (v !== undefined && v !== null) out[k] = String(v)
  }
  return out
}

/** Whether the provider has a real issuer (so `iss` and the id_token issuer can be checked). */
export function hasKnownIssuer(as: oauth.AuthorizationServer): boolean {
  return !as.issuer.startsWith(UNKNOWN_ISSUER_PREFIX)
}

async function discover(provider: OAuthConfig, fetchImpl: typeof fetch): Promise<oauth.AuthorizationServer> {
  const issuer = new URL(provider.issuer!)
  const http = transport(provider, fetchImpl)
  let response: Response
  if (provider.wellKnown) {
    response = await http[oauth.customFetch](provider.wellKnown, {
      method: 'GET',
      headers: { accept: 'application/json' },
      redirect: 'manual',
    })
  } else {
    response = await oauth.discoveryRequest(issuer, { ...http, algorithm: provider.type === 'oidc' ? 'oidc' : 'oauth2' })
  }
  const audience = entraMultiTenant(provider.issuer)
  if (!audience) return oauth.processDiscoveryResponse(issuer, response)
  // Multi-tenant Entra (exact allow-listed issuers only): the document must declare exactly the
  // `{tenantid}` issuer template; the id_token issuer is then checked per tenant in the callback.
  const declared = (await peekJson(response)) as { issuer?: unknown } | undefined
  const expected = entraDiscoveryIssuer(audience, declared?.issuer)
  const meta = await oauth.processDiscoveryResponse(new URL(expected), response)
  if (meta.issuer !== expected) throw new OAuthSignin(`Provider "${provider.id}" discovery declared an unexpected issuer`)
  return meta
}

function cached(key: string, now: number, make: () => Promise<oauth.AuthorizationServer>) {
  const hit = discovered.get(key)
  if (hit && now - hit.at < DISCOVERY_TTL) return hit.value
  const value = make()
  if (discovered.size >= MAX_ENTRIES) discovered.delete(discovered.keys().next().value as string)
  discovered.set(key, { at: now, value })
  // A failed discovery must not stay cached.
  value.catch(() => {
    if (discovered.get(key)?.value === value) discovered.delete(key)
  })
  return value
}

/**
 * The authorization server metadata of a provider: discovered from `issuer` (cached per issuer
 * for an hour), with explicit endpoints taking precedence; or built from explicit endpoints alone.
 */
export async function authorizationServer(
  provider: OAuthConfig,
  fetchImpl: typeof fetch,
  now: number,
): Promise<oauth.AuthorizationServer> {
  assertTransportAllowed(provider)
  const explicit: Record<string, string> = {}
  const authz = endpointUrl(provider.authorization)
  const token = endpointUrl(provider.token)
  const userinfo = endpointUrl(provider.userinfo)
  if (authz) explicit.authorization_endpoint = stripQuery(authz)
  if (token) explicit.token_endpoint = token
  if (userinfo) explicit.userinfo_endpoint = userinfo
  if (provider.jwks_endpoint) explicit.jwks_uri = provider.jwks_endpoint

  let as: oauth.AuthorizationServer
  if (provider.issuer && (!authz || !token || (provider.type === 'oidc' && !provider.jwks_endpoint))) {
    const key = `${provider.type}\0${provider.issuer}\0${provider.wellKnown ?? ''}`
    let meta: oauth.AuthorizationServer
    try {
      meta = await cached(key, now, () => discover(provider, fetchImpl))
    } catch (error) {
      // Configuration faults, and OAuthProviderUnavailable (timeout / size cap) keep their code.
      if (error instanceof AuthError) throw error
      throw new OAuthSignin(`Discovery failed for provider "${provider.id}": ${describe(error)}`, { cause: safeCause(error) })
    }
    as = { ...meta, ...explicit }
  } else {
    as = { issuer: provider.issuer ?? `${UNKNOWN_ISSUER_PREFIX}${encodeURIComponent(provider.id)}`, ...explicit }
  }
  if (!as.authorization_endpoint) throw new Configuration(`Provider "${provider.id}" has no authorization endpoint`)
  if (!as.token_endpoint) throw new Configuration(`Provider "${provider.id}" has no token endpoint`)
  // Discovered endpoints must obey the same transport rule as configured ones.
  assertTransportAllowed(
    provider,
    [as.authorization_endpoint, as.token_endpoint, as.userinfo_endpoint, as.jwks_uri, as.pushed_authorization_request_endpoint].filter(
      (u): u is string => typeof u === 'string',
    ),
  )
  return as
}

/** Query parameters written into an explicit authorization URL (`https://x/authorize?scope=a`). */
export function authorizationUrlParams(provider: OAuthConfig): Record<string, string> {
  const url = endpointUrl(provider.authorization)
  const out: Record<string, string> = {}
  if (!url) return out
  try {
    for (const [k, v] of new URL(url).searchParams) out[k] = v
  } catch {
    // invalid URLs are reported by authorizationServer()
  }
  return out
}

function stripQuery(url: string): string {
  try {
    const u = new URL(url)
    u.search = ''
    return u.href
  } catch {
    return url
  }
}

/** The JWKS cache of an issuer / jwks_uri, shared by every request in this isolate. */
export function jwksCacheFor(as: oauth.AuthorizationServer): oauth.JWKSCacheInput {
  const key = `${as.issuer}\0${as.jwks_uri ?? ''}`
  let cache = jwksCaches.get(key)
  if (!cache) {
    cache = {}
    if (jwksCaches.size >= MAX_ENTRIES) jwksCaches.delete(jwksCaches.keys().next().value as string)
    jwksCaches.set(key, cache)
  }
  return cache
}

/** Unknown-`kid` refetches of one JWKS allowed per window: rotation is picked up at once, random kids can't hammer it. */
export const JWKS_REFETCH_LIMIT = 3
export const JWKS_REFETCH_WINDOW_MS = 60_000
const jwksRefetches = new Map<string, number[]>()

/**
 * Whether the JWKS of `as` may be fetched again now because an id_token named a `kid` it lacks; when
 * yes, the cached key set is dropped and the refetch is counted. At most {@link JWKS_REFETCH_LIMIT}
 * per {@link JWKS_REFETCH_WINDOW_MS} per issuer / jwks_uri.
 */
export function takeJwksRefetch(as: oauth.AuthorizationServer, nowMs: number = Date.now()): boolean {
  const key = `${as.issuer}\0${as.jwks_uri ?? ''}`
  const recent = (jwksRefetches.get(key) ?? []).filter((t) => nowMs - t < JWKS_REFETCH_WINDOW_MS)
  if (recent.length >= JWKS_REFETCH_LIMIT) {
    jwksRefetches.set(key, recent)
    return false
  }
  recent.push(nowMs)
  if (!jwksRefetches.has(key) && jwksRefetches.size >= MAX_ENTRIES) jwksRefetches.delete(jwksRefetches.keys().next().value as string)
  jwksRefetches.set(key, recent)
  const cache = jwksCacheFor(as) as Record<string, unknown>
  delete cache.jwks
  delete cache.uat
  return true
}

/** Test hook: forget discovered metadata and JWKS. */
export function clearDiscoveryCache(): void {
  discovered.clear()
  jwksCaches.clear()
  jwksRefetches.clear()
}
