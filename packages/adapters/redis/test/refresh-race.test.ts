import { afterAll, beforeAll } from 'vitest'
import type { Redis } from 'ioredis'
import { defineRefreshRaceSuite } from '@latch/core/testing/refresh-race'
import { RedisAdapter } from '../src/index.js'
import { assertReachable, dropPrefix, testRedis, uniquePrefix } from './redis.js'
import { serveWeb } from '../../../core/test/support/serve-web.js'

// Three instances: three clients (connections) to the same Redis, one key prefix.
const clients: Redis[] = [testRedis(), testRedis(), testRedis()]
const prefix = uniquePrefix('refresh-race')
beforeAll(async () => {
  for (const c of clients) await assertReachable(c)
})
afterAll(async () => {
  await dropPrefix(clients[0]!, prefix)
  await Promise.all(clients.map((c) => c.quit().catch(() => {})))
})

defineRefreshRaceSuite({
  name: '@latch/adapter-redis',
  instances: () => clients.map((c) => RedisAdapter(c, { prefix })),
  serve: serveWeb,
})
