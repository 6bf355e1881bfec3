import type { Redis } from 'ioredis'
import type { Adapter } from '@latch/core'

type RefreshLockMethods = Required<Pick<Adapter, 'acquireRefreshLock' | 'releaseRefreshLock' | 'setRefreshResult' | 'getRefreshResult'>>

// Delete the lock only when it still holds our fencing token: a holder whose TTL ran out never frees
// the lock another instance has taken since.
const RELEASE = `
if redis.call('GET', KEYS[1]) == ARGV[1] then return redis.call('DEL', KEYS[1]) end
return 0
`

const ms = (n: number) => Math.max(1, Math.ceil(n))

/**
 * The refresh lock on Redis: `SET key <random fencing token> NX PX ttl`, released by a compare-and-delete
 * script; results are kept with `SET ... PX`. Single-key commands only, so it works on Redis Cluster.
 * Keys hold a SHA-256 hash from the core, never a refresh token; values are encrypted by the core.
 */
export function redisRefreshLock(redis: Redis, prefix: string): RefreshLockMethods {
  const lock = (key: string) => `${prefix}refresh-lock:${key}`
  const result = (key: string) => `${prefix}refresh-result:${key}`
  return {
    async acquireRefreshLock(key, ttlMs) {
      const fencing = crypto.randomUUID()
      return (await redis.set(lock(key), fencing, 'PX', ms(ttlMs), 'NX')) === 'OK' ? fencing : null
    },
    async releaseRefreshLock(key, fencingToken) {
      await redis.eval(RELEASE, 1, lock(key), fencingToken)
    },
    async setRefreshResult(key, value, ttlMs) {
      await redis.set(result(key), value, 'PX', ms(ttlMs))
    },
    async getRefreshResult(key) {
      return redis.get(result(key))
    },
  }
}
