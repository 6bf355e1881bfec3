import type { Redis } from 'ioredis'
import type { RateLimitHit, RateLimitStore } from '@latch/core/rate-limit'

// INCR and the window's expiry in one atomic step; a key left without a TTL is repaired.
const HIT = `
local c = redis.call('INCR', KEYS[1])
if c == 1 then redis.call('PEXPIRE', KEYS[1], ARGV[1]) end
local ttl = redis.call('PTTL', KEYS[1])
if ttl < 0 then redis.call('PEXPIRE', KEYS[1], ARGV[1]) ttl = tonumber(ARGV[1]) end
return {c, ttl}
`

/** Fixed-window counters in Redis, shared by every instance of the app: `rateLimit: { store: new RedisRateLimitStore(redis) }`. */
export class RedisRateLimitStore implements RateLimitStore {
  constructor(
    private readonly redis: Redis,
    private readonly options: { prefix?: string } = {},
  ) {}

  async hit(key: string, windowMs: number): Promise<RateLimitHit> {
    const [count, ttl] = (await this.redis.eval(HIT, 1, `${this.options.prefix ?? ''}${key}`, String(Math.max(1, Math.floor(windowMs))))) as [number, number]
    return { count: Number(count), resetMs: Number(ttl) }
  }

  async reset(key: string): Promise<void> {
    await this.redis.del(`${this.options.prefix ?? ''}${key}`)
  }
}
