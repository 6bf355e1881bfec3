import { Redis } from 'ioredis'

export const REDIS_URL = process.env.LATCH_REDIS_URL ?? 'redis://127.0.0.1:6379'
export const START_HINT = 'start Redis with: redis-server --daemonize yes --bind 127.0.0.1 --port 6379 --save "" --appendonly no'

/** A client that fails fast instead of retrying forever when the server is down. */
export function testRedis(): Redis {
  return new Redis(REDIS_URL, { lazyConnect: true, connectTimeout: 3000, maxRetriesPerRequest: 1, retryStrategy: () => null })
}

/** Fail loudly (never skip) when the server is down, saying how to start it. */
export async function assertReachable(redis: Redis): Promise<void> {
  try {
    if (redis.status === 'wait') await redis.connect()
    await redis.ping()
  } catch (e) {
    throw new Error(`Redis is not reachable at ${REDIS_URL} (${(e as Error).message}); ${START_HINT}`)
  }
}

/** A key prefix no parallel run shares. */
export function uniquePrefix(name: string): string {
  return `latch-test:${name}:${process.pid}:${Math.random().toString(36).slice(2, 8)}:`
}

/** Delete every key under `prefix`. */
export async function dropPrefix(redis: Redis, prefix: string): Promise<void> {
  let cursor = '0'
  do {
    const [next, keys] = await redis.scan(cursor, 'MATCH', `${prefix}*`, 'COUNT', 500)
    if (keys.length) await redis.del(...keys)
    cursor = next
  } while (cursor !== '0')
}
