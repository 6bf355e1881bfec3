import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { AuthConfig } from '@latch/core'
import Credentials from '@latch/core/providers/credentials'
import { PostgresRateLimitStore } from '../src/index.js'
import { assertReachable, dropSchema, testPool, uniqueSchema } from './pg.js'
import { Browser, SECRET } from '../../../core/test/support/client.js'
import { quietLogger } from '../../../core/test/support/fake-oauth.js'

const pool = testPool({ max: 20 })
const schema = uniqueSchema('latch_rl')

beforeAll(async () => {
  await assertReachable(pool)
  await pool.query(`CREATE SCHEMA "${schema}"`)
  const store = new PostgresRateLimitStore(pool, { schema })
  await store.ensureTable()
  // Idempotent.
  await store.ensureTable()
})
afterAll(async () => {
  await dropSchema(pool, schema)
  await pool.end()
})

function config(extra: Partial<AuthConfig>): AuthConfig {
  return {
    secret: SECRET,
    url: 'http://app.test',
    logger: quietLogger,
    providers: [Credentials({ credentials: {}, authorize: (c) => (c.password === 'pw' ? { id: String(c.username) } : null) })],
    ...extra,
  }
}

describe('PostgresRateLimitStore', () => {
  it('counts atomically under concurrency and reports the window', async () => {
    const store = new PostgresRateLimitStore(pool, { schema })
    const hits = await Promise.all(Array.from({ length: 25 }, () => store.hit('concurrent', 60_000)))
    expect(hits.map((h) => h.count).sort((a, b) => a - b)).toEqual(Array.from({ length: 25 }, (_, i) => i + 1))
    for (const h of hits) {
      expect(h.resetMs).toBeGreaterThan(50_000)
      expect(h.resetMs).toBeLessThanOrEqual(60_000)
    }
    await store.reset('concurrent')
    expect((await store.hit('concurrent', 60_000)).count).toBe(1)
  })

  it('many parallel hits from several pools (instances) count exactly, one row per key', async () => {
    const pools = [testPool({ max: 6 }), testPool({ max: 6 }), testPool({ max: 6 })]
    try {
      const stores = pools.map((p) => new PostgresRateLimitStore(p, { schema }))
      const hits = await Promise.all(Array.from({ length: 150 }, (_, i) => stores[i % 3]!.hit('spread', 60_000, 10)))
      expect(hits.map((h) => h.count).sort((a, b) => a - b)).toEqual(Array.from({ length: 150 }, (_, i) => i + 1))
      const { rows } = await pool.query(`SELECT count FROM "${schema}".latch_rate_limits WHERE key = 'spread'`)
      expect(rows).toEqual([{ count: 150 }])
    } finally {
      await Promise.all(pools.map((p) => p.end()))
    }
  })

  it('starts a new window once the old one has passed, and deleteExpired removes passed windows', async () => {
    const store = new PostgresRateLimitStore(pool, { schema })
    expect((await store.hit('short', 150)).count).toBe(1)
    expect((await store.hit('short', 150)).count).toBe(2)
    await new Promise((r) => setTimeout(r, 300))
    expect(await store.deleteExpired()).toBeGreaterThanOrEqual(1)
    const again = await store.hit('short', 150)
    expect(again.count).toBe(1)
    await new Promise((r) => setTimeout(r, 300))
    // A passed window not yet deleted restarts at 1 too (the upsert's CASE).
    expect((await store.hit('short', 60_000)).count).toBe(1)
  })

  it('is shared by two app instances: 429 with Retry-After, IPv6 grouped by /64', async () => {
    const store = new PostgresRateLimitStore(pool, { schema })
    const rateLimit = { store, identifier: { max: 3, windowSeconds: 120 }, ip: { max: 4, windowSeconds: 120 } }
    const instanceA = config({ rateLimit, trustHost: true })
    const instanceB = config({ rateLimit, trustHost: true })
    const attempt = async (cfg: AuthConfig, username: string, ip: string) => {
      const b = new Browser(cfg)
      const csrfToken = await b.csrf()
      return b.fetch('/auth/callback/credentials', { form: { csrfToken, username, password: 'bad' }, headers: { 'x-forwarded-for': ip } })
    }
    expect((await attempt(instanceA, 'eve', '2001:db8:aa:1::1')).status).toBe(302)
    expect((await attempt(instanceB, 'EVE', '2001:db8:bb:1::1')).status).toBe(302)
    expect((await attempt(instanceA, 'eve', '2001:db8:cc:1::1')).status).toBe(302)
    const limited = await attempt(instanceB, 'eve', '2001:db8:dd:1::1')
    expect(limited.status).toBe(429)
    const retry = Number(limited.headers.get('retry-after'))
    expect(retry).toBeGreaterThan(100)
    expect(retry).toBeLessThanOrEqual(120)
    const spellings = ['2001:db8:ee:1::1', '2001:DB8:EE:1:0:0:0:2', '2001:0db8:00ee:0001::3', '[2001:db8:ee:1::4]:9999']
    for (const [i, ip] of spellings.entries()) expect((await attempt(i % 2 ? instanceA : instanceB, `user${i}`, ip)).status).toBe(302)
    expect((await attempt(instanceA, 'user9', '2001:db8:ee:1:ffff::9')).status).toBe(429)
    expect((await attempt(instanceA, 'user9', '2001:db8:ee:2::9')).status).toBe(302)
  })

  it('refuses a table or schema name that is not a plain identifier', () => {
    expect(() => new PostgresRateLimitStore(pool, { table: 'x; DROP TABLE users' })).toThrow(/Invalid PostgreSQL/)
  })
})
