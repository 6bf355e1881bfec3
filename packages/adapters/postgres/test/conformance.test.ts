import { afterAll } from 'vitest'
import { defineAdapterSuite } from '@latch/core/testing/adapter'
import { PostgresAdapter, ensureSchema } from '../src/index.js'
import { assertReachable, dropSchema, testPool, uniqueSchema } from './pg.js'

const pool = testPool()
const schema = uniqueSchema('latch_conf')
afterAll(() => pool.end())

defineAdapterSuite({
  name: '@latch/adapter-postgres',
  connect: () => assertReachable(pool),
  adapter: async () => {
    await ensureSchema(pool, { schema })
    return PostgresAdapter(pool, { schema })
  },
  teardown: () => dropSchema(pool, schema),
})
