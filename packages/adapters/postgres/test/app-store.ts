// For other packages' HTTP suites (the framework packages' account suites): a Postgres adapter in a schema of its
// own on the test database, dropped on close; `env` points an example app at it (AUTH_STORE, examples/*/README.md).
// Imported by relative path, so they need no dependency on pg.
import { PostgresAdapter, ensureSchema } from '../src/index.js'
import { PG_URL, assertReachable, dropSchema, testPool, uniqueSchema } from './pg.js'

export async function postgresStore(name: string) {
  const pool = testPool({ max: 4 })
  await assertReachable(pool)
  const schema = uniqueSchema(`latch_${name.replace(/\W/g, '_')}`)
  await ensureSchema(pool, { schema })
  return {
    adapter: PostgresAdapter(pool, { schema }),
    env: { AUTH_STORE: 'postgres', DATABASE_URL: PG_URL, DATABASE_SCHEMA: schema },
    /** How many users and (database) sessions the store holds: an app pointed at it by `env` did use it. */
    async stored() {
      const { rows } = await pool.query(`SELECT (SELECT count(*) FROM "${schema}".users)::int AS users, (SELECT count(*) FROM "${schema}".sessions)::int AS sessions`)
      return rows[0] as { users: number; sessions: number }
    },
    async close() {
      await dropSchema(pool, schema)
      await pool.end()
    },
  }
}
