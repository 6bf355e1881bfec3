import { afterAll } from 'vitest'
import { defineAdapterSuite } from '@latch/core/testing/adapter'
import { RedisAdapter } from '../src/index.js'
import { assertReachable, dropPrefix, testRedis, uniquePrefix } from './redis.js'

const redis = testRedis()
const prefix = uniquePrefix('conformance')
afterAll(() => redis.quit().catch(() => {}))

defineAdapterSuite({
  name: '@latch/adapter-redis',
  connect: () => assertReachable(redis),
  adapter: () => RedisAdapter(redis, { prefix }),
  teardown: () => dropPrefix(redis, prefix),
})
