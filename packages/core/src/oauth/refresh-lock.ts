import type { ResolvedConfig } from '../context.js'
import type { Adapter } from '../adapters/types.js'
import type { JWT } from '../tokens/jwt-types.js'
import type { OAuthConfig } from '../providers/types.js'
import { decode, encode } from '../tokens/jwt.js'
import { b64uEncode } from '../tokens/base64url.js'
import { RefreshAccessTokenError } from '../errors.js'
import { limitsOf } from './limited-fetch.js'
import { describe } from './transport.js'

/**
 * Refresh-token rotation across instances. When the adapter has the refresh-lock methods, one instance
 * takes a lock (Redis `SET NX PX`, a PostgreSQL row, ...) keyed by a hash of provider id + refresh token,
 * refreshes, and stores the result encrypted for a short while; the others poll that result for a bounded
 * time and use it. So a provider sees each refresh token once, however many instances read the session.
 * A holder that dies mid-refresh loses the lock when its TTL ends and another instance refreshes.
 * Without the methods (or without an adapter) the in-process single flight in refresh.ts is all there is.
 */

/** Salt of the encrypted refresh results (distinct from every cookie's salt). */
export const RESULT_SALT = 'latch.refresh-result'
/** The JWT fields a refresh changes: what is shared between copies of the same session's token. */
const FIELDS = ['access_token', 'refresh_token', 'expires_at', 'id_token', 'error'] as const
/** The lock outlives the slowest legitimate refresh: discovery, token and JWKS calls under the timeout. */
const MIN_LOCK_TTL = 15_000
const MAX_POLL = 200

type Locking = Required<Pick<Adapter, 'acquireRefreshLock' | 'releaseRefreshLock' | 'setRefreshResult' | 'getRefreshResult'>>

/** The adapter's refresh-lock methods when it has all four, else null. */
export function lockingOf(adapter: Adapter | undefined): Locking | null {
  if (!adapter) return null
  const { acquireRefreshLock, releaseRefreshLock, setRefreshResult, getRefreshResult } = adapter
  if (!acquireRefreshLock || !releaseRefreshLock || !setRefreshResult || !getRefreshResult) return null
  return adapter as Locking
}

/** The store key of a grant: SHA-256 of provider id and refresh token, base64url. Never the raw token. */
export async function refreshLockKey(providerId: string, refreshToken: string): Promise<string> {
  const digest = await crypto.subtle.digest('SHA-256', new TextEncoder().encode(`latch-refresh\0${providerId}\0${refreshToken}`))
  return b64uEncode(new Uint8Array(digest))
}

/** Lock TTL and waiters' bound, from the provider's timeout (default 10 s: lock 30 s, wait 11 s). */
export function refreshLockTimes(options: ResolvedConfig, provider: OAuthConfig): { lockTtlMs: number; waitMs: number } {
  const { timeout } = limitsOf(options.config.httpOptions, provider.httpOptions)
  return { lockTtlMs: Math.max(MIN_LOCK_TTL, 3 * timeout), waitMs: timeout + 1000 }
}

/** A refresh result applied to another copy of the same session's token. */
export function mergeResult(token: JWT, result: Partial<JWT>): JWT {
  const out: JWT = { ...token }
  for (const k of FIELDS) {
    if (result[k] === undefined) delete out[k]
    else out[k] = result[k]
  }
  if (token.id_token === undefined) delete out.id_token
  return out
}

async function seal(options: ResolvedConfig, key: string, result: JWT, graceSeconds: number): Promise<string> {
  const claims: Record<string, unknown> = { k: key }
  for (const f of FIELDS) if (result[f] !== undefined) claims[f] = result[f]
  return encode({ token: claims, secret: options.secret, salt: RESULT_SALT, maxAge: graceSeconds, now: options.now() })
}

/** The stored result for `key`, or null. One sealed for another key (a swapped row) is refused. */
async function open(options: ResolvedConfig, store: Locking, key: string): Promise<Partial<JWT> | null> {
  const raw = await store.getRefreshResult(key)
  if (!raw) return null
  const claims = await decode<Record<string, unknown>>({ token: raw, secret: options.secret, salt: RESULT_SALT, now: options.now() })
  if (!claims || claims.k !== key) return null
  const out: Partial<JWT> = {}
  for (const f of FIELDS) if (claims[f] !== undefined) (out as Record<string, unknown>)[f] = claims[f]
  return out
}

/** Failures of the lock itself (wait bound, store down): not remembered, the next request tries again. */
const transient = new WeakSet<JWT>()
export const isTransientFailure = (result: JWT): boolean => transient.has(result)

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms))

/**
 * Run `refresh` at most once across every instance sharing the adapter, for this provider and refresh
 * token. Returns the refreshed token, another instance's result merged into `token`, or `token` with
 * `error: RefreshAccessTokenError` when no result came within the bound or the store failed (never throws).
 */
export async function sharedRefresh(
  options: ResolvedConfig,
  provider: OAuthConfig,
  token: JWT,
  refreshToken: string,
  refresh: () => Promise<JWT>,
  graceSeconds: number,
): Promise<JWT> {
  const store = lockingOf(options.adapter)
  if (!store) return refresh()
  const failed = (message: string): JWT => {
    options.logger.error(new RefreshAccessTokenError(`Refreshing the "${provider.id}" access token failed: ${message}`))
    const out: JWT = { ...token, error: 'RefreshAccessTokenError' }
    transient.add(out)
    return out
  }
  const { lockTtlMs, waitMs } = refreshLockTimes(options, provider)
  const deadline = Date.now() + waitMs
  let key: string
  let fencing: string | null = null
  let delay = 25
  try {
    key = await refreshLockKey(provider.id, refreshToken)
    for (;;) {
      const stored = await open(options, store, key)
      if (stored) return mergeResult(token, stored)
      fencing = await store.acquireRefreshLock(key, lockTtlMs)
      if (fencing) {
        // Another instance may have finished between the read above and the lock.
        const late = await open(options, store, key)
        if (late) {
          await store.releaseRefreshLock(key, fencing)
          return mergeResult(token, late)
        }
        break
      }
      if (Date.now() >= deadline) return failed(`no result from the instance refreshing it within ${waitMs} ms`)
      await sleep(delay)
      delay = Math.min(delay * 2, MAX_POLL)
    }
  } catch (e) {
    return failed(`the refresh lock store failed: ${describe(e)}`)
  }
  // This instance holds the lock: refresh (never throws; failures come back as `error`), share, release.
  const result = await refresh()
  try {
    await store.setRefreshResult(key, await seal(options, key, result, graceSeconds), graceSeconds * 1000)
  } catch (e) {
    options.logger.error(new RefreshAccessTokenError(`Sharing the refreshed "${provider.id}" token failed: ${describe(e)}`))
  }
  try {
    await store.releaseRefreshLock(key, fencing)
  } catch (e) {
    options.logger.error(new RefreshAccessTokenError(`Releasing the "${provider.id}" refresh lock failed: ${describe(e)}`))
  }
  return result
}
