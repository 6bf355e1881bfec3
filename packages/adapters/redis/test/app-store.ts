// For other packages' HTTP suites (the framework packages' account suites): a Redis adapter under a key prefix of
// its own, deleted on close; `env` points an example app at it (AUTH_STORE, examples/*/README.md). Imported by
// relative path, so they need no dependency on ioredis.
import { RedisAdapter } from '../src/index.js'
import { REDIS_URL, assertReachable, dropPrefix, testRedis, uniquePrefix } from './redis.js'

export async function redisStore(name: string) {
  const redis = testRedis()
  await assertReachable(redis)
  const prefix = uniquePrefix(name)
  return {
    adapter: RedisAdapter(redis, { prefix }),
    env: { AUTH_STORE: 'redis', REDIS_URL, REDIS_PREFIX: prefix },
    /** How many users and (database) sessions the store holds: an app pointed at it by `env` did use it. */
    async stored() {
      const count = async (kind: string) => (await redis.keys(`${prefix}${kind}:*`)).length
      return { users: await count('user'), sessions: await count('session') }
    },
    async close() {
      await dropPrefix(redis, prefix)
      redis.disconnect()
    },
  }
}
