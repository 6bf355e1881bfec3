import { afterAll, beforeAll } from 'vitest'
import type { AuthConfig } from '@latch/core'
import Credentials from '@latch/core/providers/credentials'
import { PostgresAdapter, ensureSchema, type Queryable } from '../src/index.js'
import { assertReachable, dropSchema, testPool, uniqueSchema } from './pg.js'
import { SECRET } from '../../../core/test/support/client.js'
import { quietLogger } from '../../../core/test/support/fake-oauth.js'

/**
 * A schema of this test file's own on the shared server (created before its tests, dropped after) whose SQL
 * queries are counted through a pool wrapper, and a clock the test moves: `state.queries`, `state.now`.
 */
export function countedDatabase(prefix: string) {
  const pool = testPool()
  const schema = uniqueSchema(`latch_${prefix}`)
  const state = { queries: 0, now: Math.floor(Date.now() / 1000) }
  const counting: Queryable = {
    query: ((...args: Parameters<Queryable['query']>) => {
      state.queries++
      return (pool.query as any)(...args)
    }) as Queryable['query'],
  }
  beforeAll(async () => {
    await assertReachable(pool)
    await ensureSchema(pool, { schema })
  })
  afterAll(async () => {
    await dropSchema(pool, schema)
    await pool.end()
  })

  /**
   * One app instance: its own adapter object over the shared schema (as a second process would have). Credentials
   * sign in `userId` with password `pw`, as `<userId>@<prefix>.example`.
   */
  function app(strategy: 'jwt' | 'database', session: AuthConfig['session'] = {}): AuthConfig {
    return {
      secret: SECRET,
      url: 'http://app.test',
      logger: quietLogger,
      adapter: PostgresAdapter(counting, { schema }),
      clock: () => state.now,
      session: { strategy, ...session },
      providers: [
        Credentials({ credentials: {}, authorize: (c) => (c.password === 'pw' ? { id: String(c.userId), email: `${String(c.userId)}@${prefix}.example` } : null) }),
      ],
    }
  }
  return { pool, schema, state, app }
}
