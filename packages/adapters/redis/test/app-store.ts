// For other packages' HTTP suites (the framework packages' account suites): a Redis adapter under a key prefix of
// its own, deleted on close. Imported by relative path, so they need no dependency on ioredis.
import { RedisAdapter } from '../src/index.js'
import { assertReachable, dropPrefix, testRedis, uniquePrefix } from './redis.js'

export async function redisStore(name: string) {
  const redis = testRedis()
  await assertReachable(redis)
  const prefix = uniquePrefix(name)
  return {
    adapter: RedisAdapter(redis, { prefix }),
    async close() {
      await dropPrefix(redis, prefix)
      redis.disconnect()
    },
  }
}
