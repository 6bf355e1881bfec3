import '../session-path.js' // one edge chunk for the session path (session-path.ts)
import * as oauth from 'oauth4webapi'
import type { ResolvedConfig } from '../context.js'
import type { JWT } from '../tokens/jwt-types.js'
import type { Account } from '../types.js'
import type { OAuthConfig, Provider } from '../providers/types.js'
import { RefreshAccessTokenError } from '../errors.js'
import { clientAuthFor, clientFor, dpopFor, withDpopRetry } from './client.js'
import { authorizationServer } from './discovery.js'
import { assertSameIdentity, IDENTITY_FIELD, identityOfIdToken } from './refresh-identity.js'
import { isTransientFailure, mergeResult, sharedRefresh } from './refresh-lock.js'
import { prepareTokenResponse, verifyIdToken } from './token-response.js'
import { describe, fetchFor, transport } from './transport.js'

/** The JWT `error` set when a refresh fails; surfaced as `session.error`. */
export const REFRESH_ERROR = 'RefreshAccessTokenError'
const DEFAULT_SKEW = 30
/** Seconds a finished refresh is remembered, so requests still carrying the old cookie reuse it. */
const GRACE = 60
const MAX_ENTRIES = 1000

function refreshOn(provider: Provider | undefined): provider is OAuthConfig {
  return !!provider && (provider.type === 'oauth' || provider.type === 'oidc') && !!(provider as OAuthConfig).refresh
}

function skewOf(provider: OAuthConfig): number {
  const r = provider.refresh
  return typeof r === 'object' && typeof r.skewSeconds === 'number' ? r.skewSeconds : DEFAULT_SKEW
}

/**
 * Fields copied into the JWT at sign-in when `provider.refresh` is on, so the session flow can
 * refresh later. Returns {} when the provider does not opt in.
 */
export function refreshableTokenFields(provider: OAuthConfig, account: Account): Partial<JWT> {
  if (!refreshOn(provider)) return {}
  const out: Partial<JWT> = { provider: provider.id }
  if (typeof account.access_token === 'string') out.access_token = account.access_token
  if (typeof account.refresh_token === 'string') out.refresh_token = account.refresh_token
  if (typeof account.expires_at === 'number') out.expires_at = account.expires_at
  // OIDC: what a refreshed id_token must match (OIDC Core 12.2); see refresh-identity.ts.
  const identity = provider.type === 'oidc' ? identityOfIdToken(account.id_token) : undefined
  if (identity) out[IDENTITY_FIELD] = identity
  return out
}

interface Flight {
  done: number | undefined
  value: Promise<JWT>
}
/**
 * In-process flights, per adapter object when there is one (each app instance holds its own adapter
 * client; the shared refresh lock covers the rest), else one map for the process.
 */
const NO_ADAPTER = {}
let flightsByStore = new WeakMap<object, Map<string, Flight>>()
function flightsOf(options: ResolvedConfig): Map<string, Flight> {
  const owner = options.adapter ?? NO_ADAPTER
  let flights = flightsByStore.get(owner)
  if (!flights) flightsByStore.set(owner, (flights = new Map()))
  return flights
}

function prune(flights: Map<string, Flight>, now: number) {
  for (const [key, f] of flights) {
    if (f.done !== undefined && now - f.done > GRACE) flights.delete(key)
  }
  while (flights.size >= MAX_ENTRIES) flights.delete(flights.keys().next().value as string)
}

async function refresh(options: ResolvedConfig, provider: OAuthConfig, token: JWT, refreshToken: string): Promise<JWT> {
  const now = options.now()
  try {
    const fetchImpl = fetchFor(options, provider)
    const as = await authorizationServer(provider, fetchImpl, now)
    const client = clientFor(provider, now)
    const auth = clientAuthFor(provider)
    const http = transport(provider, fetchImpl)
    const dpop = dpopFor(provider, client)
    const result = await withDpopRetry(dpop, async () => {
      const sent = await oauth.refreshTokenGrantRequest(as, client, auth, refreshToken, { ...http, DPoP: dpop })
      const { response, as: tokenAs } = await prepareTokenResponse(provider, as, sent)
      const result = await oauth.processRefreshTokenResponse(tokenAs, client, response)
      const claims = oauth.getValidatedIdTokenClaims(result)
      // A refreshed id_token is held to the sign-in standard: signature against the JWKS, tenant checks,
      // and it must name the session's iss, sub and aud (OIDC Core 12.2): no switch to another user.
      if (claims) {
        await verifyIdToken(provider, as, response, http, claims, { refresh: true })
        assertSameIdentity(provider.id, token, claims as Record<string, unknown>)
      }
      return result
    })
    const next: JWT = { ...token, access_token: result.access_token }
    delete next.error
    // Providers that rotate refresh tokens send a new one; others keep the old one valid.
    next.refresh_token = result.refresh_token ?? refreshToken
    if (typeof result.expires_in === 'number') next.expires_at = Math.floor(now + result.expires_in)
    else delete next.expires_at
    if (typeof result.id_token === 'string' && typeof token.id_token === 'string') next.id_token = result.id_token
    options.logger.debug('oauth: access token refreshed', { provider: provider.id, expires_at: next.expires_at })
    return next
  } catch (error) {
    options.logger.error(new RefreshAccessTokenError(`Refreshing the "${provider.id}" access token failed: ${describe(error)}`))
    return { ...token, error: REFRESH_ERROR }
  }
}

/**
 * Called on every JWT session read before `callbacks.jwt`: when the token carries an expired
 * access token of a provider with `refresh` on, refresh it (single-flight per session) and return
 * the new token (once across instances when the adapter has a refresh lock); on failure return the token with `error: 'RefreshAccessTokenError'`.
 * Returns the same object when nothing is to be done.
 */
export async function refreshIfExpired(options: ResolvedConfig, token: JWT): Promise<JWT> {
  if (!token || typeof token.provider !== 'string') return token
  const provider = options.providers.find((p) => p.id === token.provider)
  if (!refreshOn(provider)) return token
  const expiresAt = token.expires_at
  if (typeof expiresAt !== 'number') return token
  const now = options.now()
  if (now < expiresAt - skewOf(provider)) return token
  const refreshToken = token.refresh_token
  if (typeof refreshToken !== 'string' || !refreshToken) {
    return token.error === REFRESH_ERROR ? token : { ...token, error: REFRESH_ERROR }
  }
  // Single flight: the refresh token identifies the session's grant. Concurrent reads (and reads
  // still carrying the old cookie shortly after) share one refresh, so a rotating token is used once.
  const flights = flightsOf(options)
  prune(flights, now)
  const key = `${provider.id}\0${refreshToken}`
  const hit = flights.get(key)
  if (hit) return mergeResult(token, await hit.value)
  // Across instances: the adapter's refresh lock, when it has one (refresh-lock.ts).
  const run = () => refresh(options, provider, token, refreshToken)
  const flight: Flight = { done: undefined, value: sharedRefresh(options, provider, token, refreshToken, run, GRACE) }
  flights.set(key, flight)
  const result = await flight.value
  flight.done = options.now()
  // A lock that could not be had is no answer to remember: the next request asks again.
  if (isTransientFailure(result) && flights.get(key) === flight) flights.delete(key)
  return result
}

/** Test hook: forget in-flight and recent refreshes. */
export function clearRefreshFlights(): void {
  flightsByStore = new WeakMap()
}
