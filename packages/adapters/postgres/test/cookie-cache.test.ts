// Database sessions on a real PostgreSQL, SQL queries counted through a pool wrapper: a session check is exactly
// one query; with session.cookieCache a warm check is none, and the cache cookie is bound to its session,
// tamper-proof, expires after maxAge and goes away on sign-out.
import { describe, expect, it } from 'vitest'
import { Auth, type AuthConfig } from '@latch/core'
import { PostgresAdapter } from '../src/index.js'
import { countedDatabase } from './counted.js'
import { Browser } from '../../../core/test/support/client.js'

const db = countedDatabase('cc')
const TOKEN = 'authjs.session-token'
const DATA = 'authjs.session-data'
const app = (session: AuthConfig['session'] = {}) => db.app('database', session)

async function signedIn(config: AuthConfig): Promise<Browser> {
  const user = await PostgresAdapter(db.pool, { schema: db.schema }).createUser({ id: crypto.randomUUID(), email: `${crypto.randomUUID()}@cc.example`, emailVerified: null })
  const b = new Browser(config)
  const res = await b.fetch('/auth/callback/credentials', { form: { csrfToken: await b.csrf(), userId: user.id, password: 'pw' } })
  expect(res.status).toBe(302)
  expect(b.jar.get(TOKEN)).toMatch(/^[0-9a-f]{64}$/)
  return b
}

const check = (config: AuthConfig, cookie: string) =>
  Auth(new Request('http://app.test/auth/session', { headers: { cookie } }), config).then(async (r) => ({ status: r.status, body: await r.json(), setCookie: r.headers.getSetCookie() }))

describe('database session checks (PostgreSQL, queries counted)', () => {
  it('without the cache: exactly one query per check, and no cache cookie', async () => {
    const config = app()
    const b = await signedIn(config)
    db.state.queries = 0
    for (let i = 0; i < 5; i++) expect(await b.session()).not.toBeNull()
    expect(db.state.queries).toBe(5)
    expect(b.jar.has(DATA)).toBe(false)
  })

  it('with cookieCache: 0 db.state.queries on a warm check; after maxAge one query, then warm again', async () => {
    const config = app({ cookieCache: { maxAge: 60 } })
    const b = await signedIn(config)
    db.state.queries = 0
    const first = await b.session()
    expect(first).toMatchObject({ user: { email: expect.stringMatching(/@cc\.example$/) } })
    expect(db.state.queries).toBe(1)
    db.state.queries = 0
    for (let i = 0; i < 10; i++) expect(await b.session()).toEqual(first)
    expect(db.state.queries).toBe(0)
    db.state.now += 60
    expect(await b.session()).toEqual(first)
    expect(db.state.queries).toBe(1)
    await b.session()
    expect(db.state.queries).toBe(1)
  })

  it("session A's cache cookie next to session B's token is ignored: B's own session is read and re-cached", async () => {
    const config = app({ cookieCache: { maxAge: 60 } })
    const [a, b] = [await signedIn(config), await signedIn(config)]
    await a.session()
    const bSession = await b.session()
    db.state.queries = 0
    const mixed = await check(config, `${TOKEN}=${b.jar.get(TOKEN)}; ${DATA}=${a.jar.get(DATA)}`)
    expect(mixed.status).toBe(200)
    expect(mixed.body).toEqual(bSession)
    expect(db.state.queries).toBe(1)
    expect(mixed.setCookie.find((c) => c.startsWith(`${DATA}=`))).not.toContain(a.jar.get(DATA))
  })

  it('a tampered cache cookie is ignored (no 5xx, one query)', async () => {
    const config = app({ cookieCache: { maxAge: 60 } })
    const b = await signedIn(config)
    const good = await b.session()
    const data = b.jar.get(DATA)!
    const parts = data.split('.')
    parts[3] = parts[3]!.slice(0, -2) + (parts[3]!.endsWith('AA') ? 'BB' : 'AA')
    for (const bad of [parts.join('.'), data.slice(0, -10), 'x'.repeat(5000)]) {
      db.state.queries = 0
      const res = await check(config, `${TOKEN}=${b.jar.get(TOKEN)}; ${DATA}=${bad}`)
      expect(res.status).toBe(200)
      expect(res.body).toEqual(good)
      expect(db.state.queries).toBe(1)
    }
  })

  it('sign-out deletes the row and clears the cache cookie; the old cache cookie alone is no session', async () => {
    const config = app({ cookieCache: { maxAge: 60 } })
    const b = await signedIn(config)
    await b.session()
    const [token, data] = [b.jar.get(TOKEN)!, b.jar.get(DATA)!]
    const out = await b.fetch('/auth/signout', { form: { csrfToken: await b.csrf() } })
    expect(out.headers.getSetCookie().some((c) => c.startsWith(`${DATA}=;`) && /Max-Age=0/i.test(c))).toBe(true)
    expect(b.jar.has(DATA)).toBe(false)
    expect(await b.session()).toBeNull()
    // A replayed cache cookie never outlives its session by more than maxAge (the documented staleness bound),
    // and is nothing at all without the session token.
    expect((await check(config, `${DATA}=${data}`)).body).toBeNull()
    const replay = await check(config, `${TOKEN}=${token}; ${DATA}=${data}`)
    expect(replay.body).not.toBeNull()
    db.state.now += 60
    expect((await check(config, `${TOKEN}=${token}; ${DATA}=${data}`)).body).toBeNull()
  })
})
