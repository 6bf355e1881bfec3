import type { Cluster, Redis } from 'ioredis'
import type { RateLimitHit, RateLimitStore } from '@latch/core/rate-limit'
import { bounded, DEFAULT_TIMEOUT_MS } from '@latch/core/store'

// INCR and the window's expiry in one atomic step; a key left without a TTL is repaired.
const HIT = `
local c = redis.call('INCR', KEYS[1])
if c == 1 then redis.call('PEXPIRE', KEYS[1], ARGV[1]) end
local ttl = redis.call('PTTL', KEYS[1])
if ttl < 0 then redis.call('PEXPIRE', KEYS[1], ARGV[1]) ttl = tonumber(ARGV[1]) end
return {c, ttl}
`

/**
 * Fixed-window counters in Redis, shared by every instance of the app: `rateLimit: { store: new RedisRateLimitStore(redis) }`.
 * One key per command, so an ioredis `Cluster` works as is.
 */
export class RedisRateLimitStore implements RateLimitStore {
  private readonly redis: Redis
  constructor(
    redis: Redis | Cluster,
    /** `timeoutMs`: most milliseconds a hit may take before the sign-in fails closed with 503 (default 5000, 0 = off). */
    private readonly options: { prefix?: string; timeoutMs?: number } = {},
  ) {
    this.redis = redis as Redis
  }

  async hit(key: string, windowMs: number): Promise<RateLimitHit> {
    const run = this.redis.eval(HIT, 1, `${this.options.prefix ?? ''}${key}`, String(Math.max(1, Math.floor(windowMs))))
    const [count, ttl] = (await bounded(run, this.options.timeoutMs ?? DEFAULT_TIMEOUT_MS, 'Redis')) as [number, number]
    return { count: Number(count), resetMs: Number(ttl) }
  }

  async reset(key: string): Promise<void> {
    await bounded(this.redis.del(`${this.options.prefix ?? ''}${key}`), this.options.timeoutMs ?? DEFAULT_TIMEOUT_MS, 'Redis')
  }
}
