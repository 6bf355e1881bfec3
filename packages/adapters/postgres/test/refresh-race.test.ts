import { afterAll, beforeAll } from 'vitest'
import type pg from 'pg'
import { defineRefreshRaceSuite } from '@latch/core/testing/refresh-race'
import { ensureSchema, PostgresAdapter } from '../src/index.js'
import { assertReachable, dropSchema, testPool, uniqueSchema } from './pg.js'
import { serveWeb } from '../../../core/test/support/serve-web.js'

// Three instances: three pools on the same database, one schema of our own.
const pools: pg.Pool[] = [testPool(), testPool(), testPool()]
const schema = uniqueSchema('refresh_race')
beforeAll(async () => {
  await assertReachable(pools[0]!)
  await ensureSchema(pools[0]!, { schema })
})
afterAll(async () => {
  await dropSchema(pools[0]!, schema).catch(() => {})
  await Promise.all(pools.map((p) => p.end()))
})

defineRefreshRaceSuite({
  name: '@latch/adapter-postgres',
  instances: () => pools.map((p) => PostgresAdapter(p, { schema })),
  serve: serveWeb,
})
