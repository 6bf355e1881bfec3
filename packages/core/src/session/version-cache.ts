import type { Adapter } from '../adapters/types.js'

/**
 * A short-lived, per-process cache of users' session versions, so a warm JWT session check with an adapter makes
 * no database round trip. Staleness is bounded by `session.versionCacheMaxAge` (default 5 s): a "sign out
 * everywhere" done on another instance ends this instance's copies of the user's JWTs at most that late; one done
 * through `@latch/core/sessions` on this instance ends them at once (the entry is replaced with the new version).
 * Kept per adapter object, so every config sharing an adapter shares the entries. Failures are never cached, and
 * concurrent misses for one user share one adapter call.
 */
/** Entries per adapter; past it the oldest entry goes first (a Map iterates in insertion order). */
export const VERSION_CACHE_MAX_ENTRIES = 10_000

interface Entry {
  /** The version, or the single adapter call every concurrent miss waits for. */
  value: number | null | Promise<number | null>
  /** Seconds since the epoch when the value was read. */
  at: number
}

const caches = new WeakMap<Adapter, Map<string, Entry>>()

function cacheOf(adapter: Adapter): Map<string, Entry> {
  let cache = caches.get(adapter)
  if (!cache) caches.set(adapter, (cache = new Map()))
  return cache
}

function store(cache: Map<string, Entry>, userId: string, entry: Entry): void {
  cache.delete(userId)
  if (cache.size >= VERSION_CACHE_MAX_ENTRIES) cache.delete(cache.keys().next().value as string)
  cache.set(userId, entry)
}

/** The user's session version, from the cache when it is younger than `maxAge` seconds, else from `read()`. */
export async function cachedVersion(
  adapter: Adapter,
  userId: string,
  now: number,
  maxAge: number,
  read: () => Promise<number | null>,
): Promise<number | null> {
  if (maxAge <= 0) return read()
  const cache = cacheOf(adapter)
  const hit = cache.get(userId)
  if (hit && now - hit.at < maxAge) return hit.value
  const entry: Entry = { value: read(), at: now }
  store(cache, userId, entry)
  try {
    const version = await entry.value
    if (cache.get(userId) === entry) entry.value = version
    return version
  } catch (e) {
    if (cache.get(userId) === entry) cache.delete(userId)
    throw e
  }
}

/** Record a version this process just wrote (a bump), so its own checks see it at once. */
export function rememberVersion(adapter: Adapter, userId: string, version: number, now: number): void {
  store(cacheOf(adapter), userId, { value: version, at: now })
}

/** Forget a user's cached version (the next check reads the adapter). */
export function forgetVersion(adapter: Adapter, userId: string): void {
  caches.get(adapter)?.delete(userId)
}
