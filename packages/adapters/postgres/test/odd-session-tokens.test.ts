import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { AuthConfig } from '@latch/core'
import Credentials from '@latch/core/providers/credentials'
import { PostgresAdapter, ensureSchema } from '../src/index.js'
import { assertReachable, dropSchema, testPool, uniqueSchema } from './pg.js'
import { Browser, SECRET } from '../../../core/test/support/client.js'
import { quietLogger } from '../../../core/test/support/fake-oauth.js'
import { ODD_SESSION_TOKENS, oddSessionTokenCases, recordingAdapter } from '../../../core/test/support/odd-session-tokens.js'

/**
 * Issue 12: odd database session cookies against real PostgreSQL: no 5xx, no session, no query with the value.
 * (On the old code a NUL made PostgreSQL refuse the query and the session endpoint answer 500.)
 */
const pool = testPool()
const schema = uniqueSchema('latch_odd_tokens')
const base = PostgresAdapter(pool, { schema })

beforeAll(async () => {
  await assertReachable(pool)
  await ensureSchema(pool, { schema })
  await base.createUser({ id: 'pg-odd', email: 'odd@pg.example', emailVerified: null, name: 'Odd' })
})
afterAll(async () => {
  await dropSchema(pool, schema)
  await pool.end()
})

function config(): { config: AuthConfig; tokens: unknown[]; userId: string } {
  const { adapter, tokens } = recordingAdapter(base)
  return {
    tokens,
    userId: 'pg-odd',
    config: {
      secret: SECRET,
      url: 'http://app.test',
      logger: quietLogger,
      adapter,
      session: { strategy: 'database' },
      providers: [Credentials({ credentials: { username: {}, password: { type: 'password' } }, authorize: (c) => (c.password === 'pw' ? { id: 'pg-odd', email: 'odd@pg.example' } : null) })],
    },
  }
}

describe('odd database session cookies on @latch/adapter-postgres (real PostgreSQL)', () => {
  oddSessionTokenCases(async () => config())

  it('the same cookies on the raw adapter path: the session endpoint never answers 5xx', async () => {
    // The adapter with no wrapper, as an app runs it.
    const cfg = { ...config().config, adapter: base }
    for (const value of Object.values(ODD_SESSION_TOKENS)) {
      const b = new Browser(cfg)
      b.jar.set('authjs.session-token', value)
      const res = await b.fetch('/auth/session')
      expect(res.status, value).toBe(200)
      expect(await res.json()).toBeNull()
    }
  })

  it('sessions minted by Latch and carried over from Auth.js (UUID) still work', async () => {
    const { config: cfg } = config()
    const b = new Browser(cfg)
    await b.signInWithCredentials({ username: 'odd', password: 'pw' })
    expect((await b.session())?.user?.email).toBe('odd@pg.example')
    const uuid = crypto.randomUUID()
    await base.createSession!({ sessionToken: uuid, userId: 'pg-odd', expires: new Date(Date.now() + 3_600_000) })
    const migrated = new Browser(cfg)
    migrated.jar.set('authjs.session-token', uuid)
    expect((await migrated.session())?.user?.email).toBe('odd@pg.example')
  })
})
