import * as oauth from 'oauth4webapi'
import { Configuration } from '../errors.js'
import type { ResolvedConfig } from '../context.js'
import type { OAuthConfig } from '../providers/types.js'
import { customFetch } from '../symbols.js'
import { limitedFetch, limitsOf } from './limited-fetch.js'

/** Options shared by every oauth4webapi HTTP call: the injected fetch and the dev-only insecure switch. */
export interface TransportOptions {
  // oauth4webapi's per-call option types differ only in the body type; fetch accepts all of them.
  [oauth.customFetch]: (url: string, init: any) => Promise<Response>
  [oauth.allowInsecureRequests]?: boolean
}

const LOOPBACK = new Set(['127.0.0.1', 'localhost', '[::1]'])

/** True for http://127.0.0.1, http://localhost and http://[::1] URLs. */
export function isLoopbackHttp(url: string | URL | undefined): boolean {
  if (!url) return false
  try {
    const u = typeof url === 'string' ? new URL(url) : url
    return u.protocol === 'http:' && LOOPBACK.has(u.hostname)
  } catch {
    return false
  }
}

function urlOf(e: unknown): string | undefined {
  if (typeof e === 'string') return e
  if (e && typeof e === 'object' && typeof (e as { url?: unknown }).url === 'string') return (e as { url: string }).url
  return undefined
}

/** Every URL a provider names explicitly (issuer, endpoints, JWKS). */
export function configuredUrls(provider: OAuthConfig): string[] {
  return [
    provider.issuer,
    provider.wellKnown,
    urlOf(provider.authorization),
    urlOf(provider.token),
    urlOf(provider.userinfo),
    provider.jwks_endpoint,
  ].filter((u): u is string => typeof u === 'string' && u !== '')
}

/**
 * `allowInsecureRequests` is accepted only when every http:// URL is a loopback one; anything else
 * is refused so the switch can never weaken a production deployment.
 */
export function assertTransportAllowed(provider: OAuthConfig, urls: Iterable<string> = configuredUrls(provider)): void {
  for (const u of urls) {
    let parsed: URL
    try {
      parsed = new URL(u)
    } catch {
      throw new Configuration(`Provider "${provider.id}" has an invalid URL: ${u}`)
    }
    if (parsed.protocol === 'https:') continue
    if (parsed.protocol !== 'http:') throw new Configuration(`Provider "${provider.id}" URL must be https: ${parsed.origin}`)
    if (!isLoopbackHttp(parsed)) {
      throw new Configuration(
        `Provider "${provider.id}" uses plain http (${parsed.origin}); only http://127.0.0.1 or http://localhost are allowed, and only with allowInsecureRequests`,
      )
    }
    if (!provider.allowInsecureRequests) {
      throw new Configuration(
        `Provider "${provider.id}" uses ${parsed.origin} over plain http; set allowInsecureRequests: true (tests and local dev only)`,
      )
    }
  }
}

/**
 * The fetch for a provider's requests: `config[customFetch] ?? provider[customFetch] ?? fetch`, under
 * the `httpOptions` limits (timeout, response size; provider over config over defaults). Every
 * outbound provider call goes through it, so the limits are enforced here once.
 */
export function fetchFor(options: ResolvedConfig, provider: OAuthConfig): typeof fetch {
  const base = options.config[customFetch] ? options.fetch : (provider[customFetch] ?? options.fetch)
  return limitedFetch(base, limitsOf(options.config.httpOptions, provider.httpOptions))
}

/** The oauth4webapi request options for a provider. */
export function transport(provider: OAuthConfig, fetchImpl: typeof fetch): TransportOptions {
  const out: TransportOptions = {
    [oauth.customFetch]: (url, init) => fetchImpl(url, init as RequestInit),
  }
  if (provider.allowInsecureRequests) {
    assertTransportAllowed(provider)
    // eslint-disable-next-line @typescript-eslint/no-deprecated -- loopback dev/test only, checked above
    out[oauth.allowInsecureRequests] = true
  }
  return out
}

/**
 * A summary of an oauth4webapi / fetch error that is safe to log: oauth4webapi attaches response
 * bodies (which may carry tokens) as `cause`, so only names, codes and OAuth error codes survive.
 */
export function safeCause(error: unknown): Record<string, unknown> | undefined {
  if (!error || typeof error !== 'object') return undefined
  const e = error as { name?: unknown; code?: unknown; message?: unknown; error?: unknown; status?: unknown }
  const out: Record<string, unknown> = {}
  if (typeof e.name === 'string') out.name = e.name
  if (typeof e.code === 'string') out.code = e.code
  if (typeof e.message === 'string') out.message = e.message
  if (typeof e.error === 'string') out.error = e.error
  if (typeof e.status === 'number') out.status = e.status
  return out
}

/** Short description of an error for a message: `OAUTH_CODE: message`. Never includes bodies. */
export function describe(error: unknown): string {
  const c = safeCause(error)
  if (!c) return String(error)
  const head = [c.code, c.error].filter(Boolean).join(' ')
  return head ? `${head}: ${c.message ?? ''}` : String(c.message ?? c.name ?? 'error')
}
