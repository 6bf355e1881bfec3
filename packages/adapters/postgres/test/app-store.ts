// For other packages' HTTP suites (the framework packages' account suites): a Postgres adapter in a schema of its
// own on the test database, dropped on close. Imported by relative path, so they need no dependency on pg.
import { PostgresAdapter, ensureSchema } from '../src/index.js'
import { assertReachable, dropSchema, testPool, uniqueSchema } from './pg.js'

export async function postgresStore(name: string) {
  const pool = testPool({ max: 4 })
  await assertReachable(pool)
  const schema = uniqueSchema(`latch_${name.replace(/\W/g, '_')}`)
  await ensureSchema(pool, { schema })
  return {
    adapter: PostgresAdapter(pool, { schema }),
    async close() {
      await dropSchema(pool, schema)
      await pool.end()
    },
  }
}
