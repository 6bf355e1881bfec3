import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { customFetch, type AuthConfig } from '@latch/core'
import Credentials from '@latch/core/providers/credentials'
import { listSessions, revokeSession, signOutEverywhere } from '@latch/core/sessions'
import { PostgresAdapter, ensureSchema } from '../src/index.js'
import { assertReachable, dropSchema, testPool, uniqueSchema } from './pg.js'
import { Browser, SECRET } from '../../../core/test/support/client.js'
import { capturingEmail, openLink, requestLink } from '../../../core/test/support/mail.js'
import { combinedFetch, fakeOAuth, quietLogger } from '../../../core/test/support/fake-oauth.js'

const pool = testPool()
const schema = uniqueSchema('latch_flows')
const adapter = PostgresAdapter(pool, { schema })
const COOKIE = 'authjs.session-token'
let now = Math.floor(Date.now() / 1000)
const loc = (res: Response) => new URL(res.headers.get('location')!)
const count = async (sql: string, values: unknown[] = []) => Number((await pool.query(sql, values)).rows[0].n)

beforeAll(async () => {
  await assertReachable(pool)
  await ensureSchema(pool, { schema })
  // A second ensureSchema is a no-op (idempotent migration).
  await ensureSchema(pool, { schema })
  await adapter.createUser({ id: 'pg-ada', email: 'ada@pg.example', emailVerified: null, name: 'Ada' })
})
afterAll(async () => {
  await dropSchema(pool, schema)
  await pool.end()
})

function config(extra: Partial<AuthConfig> = {}) {
  const mail = capturingEmail()
  const alpha = fakeOAuth('alpha')
  const cfg: AuthConfig = {
    secret: SECRET,
    url: 'http://app.test',
    logger: quietLogger,
    adapter,
    clock: () => now,
    session: { maxAge: 3600, updateAge: 600 },
    providers: [
      mail.provider,
      alpha.provider,
      Credentials({ credentials: {}, authorize: (c) => (c.username === 'ada' && c.password === 'pw' ? { id: 'pg-ada', email: 'ada@pg.example' } : null) }),
    ],
    [customFetch]: combinedFetch(alpha),
    ...extra,
  }
  return { cfg, mail, alpha }
}

describe('Latch on @latch/adapter-postgres (real PostgreSQL)', () => {
  it('email: stores only the hash; two concurrent callbacks with one token yield exactly one session', async () => {
    const { cfg, mail } = config()
    await requestLink(new Browser(cfg), 'New.User@PG.example')
    const link = new URL(mail.last().url)
    const token = link.searchParams.get('token')!
    const rows = (await pool.query(`SELECT identifier, token FROM "${schema}".verification_tokens WHERE identifier = $1`, ['new.user@pg.example'])).rows
    expect(rows).toHaveLength(1)
    expect(rows[0].token).not.toBe(token)
    expect(rows[0].token).toMatch(/^[0-9a-f]{64}$/)
    const browsers = Array.from({ length: 2 }, () => new Browser(cfg))
    const results = await Promise.all(browsers.map((b) => openLink(b, link.href)))
    expect(results.map((r) => loc(r).pathname).sort()).toEqual(['/', '/auth/error'])
    const user = await adapter.getUserByEmail('new.user@pg.example')
    expect(user!.emailVerified).toBeInstanceOf(Date)
    expect(await count(`SELECT count(*) AS n FROM "${schema}".sessions WHERE user_id = $1`, [user!.id])).toBe(1)
    expect(await count(`SELECT count(*) AS n FROM "${schema}".verification_tokens WHERE identifier = $1`, ['new.user@pg.example'])).toBe(0)
  })

  it('email: an expired link gives Verification and no session', async () => {
    const { cfg, mail } = config()
    await requestLink(new Browser(cfg), 'late@pg.example')
    now += 24 * 60 * 60 + 1
    const b = new Browser(cfg)
    const res = await openLink(b, mail.last().url)
    expect(loc(res).searchParams.get('error')).toBe('Verification')
    expect(b.jar.has(COOKIE)).toBe(false)
  })

  it('database sessions: credentials create the row, updateAge throttles, expiry deletes, signout deletes', async () => {
    const { cfg } = config()
    const b = new Browser(cfg)
    await b.signInWithCredentials({ username: 'ada', password: 'pw' })
    const token = b.jar.get(COOKIE)!
    expect(token).toMatch(/^[0-9a-f]{64}$/)
    const expiresOf = async () => (await pool.query(`SELECT expires FROM "${schema}".sessions WHERE session_token = $1`, [token])).rows[0]?.expires as Date | undefined
    const first = await expiresOf()
    expect((await b.session()).user.email).toBe('ada@pg.example')
    now += 100
    await b.session()
    expect((await expiresOf())!.getTime()).toBe(first!.getTime())
    now += 600
    await b.session()
    expect((await expiresOf())!.getTime()).toBe((now + 3600) * 1000)
    const csrfToken = await b.csrf()
    await b.fetch('/auth/signout', { form: { csrfToken } })
    expect(await expiresOf()).toBeUndefined()

    const c = new Browser(cfg)
    await c.signInWithCredentials({ username: 'ada', password: 'pw' })
    const t2 = c.jar.get(COOKIE)!
    now += 3601
    expect(await c.session()).toBeNull()
    expect(await count(`SELECT count(*) AS n FROM "${schema}".sessions WHERE session_token = $1`, [t2])).toBe(0)
  })

  it('session management: list, revoke one, sign out everywhere (database and JWT)', async () => {
    now = Math.floor(Date.now() / 1000)
    const { cfg } = config()
    const a = new Browser(cfg)
    const b = new Browser(cfg)
    await a.signInWithCredentials({ username: 'ada', password: 'pw' })
    await b.signInWithCredentials({ username: 'ada', password: 'pw' })
    const list = await listSessions(cfg, 'pg-ada', { request: new Request('http://app.test/', { headers: { cookie: a.cookieHeader() } }) })
    expect(list.length).toBeGreaterThanOrEqual(2)
    const other = list.find((s) => !s.current)!
    expect(await revokeSession(cfg, 'pg-ada', other.id)).toBe(true)
    expect(await a.session()).not.toBeNull()

    const jwtCfg = config({ session: { strategy: 'jwt', maxAge: 3600 } }).cfg
    const j = new Browser(jwtCfg)
    await j.signInWithCredentials({ username: 'ada', password: 'pw' })
    expect((await j.session()).user.email).toBe('ada@pg.example')
    const before = await adapter.getSessionVersion('pg-ada')
    expect(before).not.toBeNull()
    expect(await signOutEverywhere(cfg, 'pg-ada')).toBe(before! + 1)
    expect(await j.session()).toBeNull()
    expect(await a.session()).toBeNull()
    expect(await count(`SELECT count(*) AS n FROM "${schema}".sessions WHERE user_id = 'pg-ada'`)).toBe(0)
  })

  it('OAuth: creates and links; OAuthAccountNotLinked for an existing email; linking while signed in', async () => {
    const { cfg, alpha } = config()
    const b = new Browser(cfg)
    expect((await alpha.signIn(b, { id: 'gh-7', email: 'octo@pg.example', name: 'Octo' })).headers.get('location')).toBe('http://app.test/dashboard')
    const octo = await adapter.getUserByAccount({ provider: 'alpha', providerAccountId: 'gh-7' })
    expect(octo).toMatchObject({ email: 'octo@pg.example', emailVerified: null })
    const stranger = new Browser(cfg)
    const res = await alpha.signIn(stranger, { id: 'gh-8', email: 'ada@pg.example' })
    expect(loc(res).searchParams.get('error')).toBe('OAuthAccountNotLinked')
    expect(stranger.jar.has(COOKIE)).toBe(false)
    await alpha.signIn(b, { id: 'gh-9', email: 'second@pg.example' })
    expect(await adapter.getUserByAccount({ provider: 'alpha', providerAccountId: 'gh-9' })).toMatchObject({ id: octo!.id })
  })
})
