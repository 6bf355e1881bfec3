import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import pg from 'pg'
import type { AuthConfig } from '@latch/core'
import Credentials from '@latch/core/providers/credentials'
import { PostgresAdapter, PostgresRateLimitStore, ensureSchema } from '../src/index.js'
import { ownPostgres } from './own-postgres.js'
import { Browser, SECRET } from '../../../core/test/support/client.js'
import { capturingEmail, openLink, requestLink } from '../../../core/test/support/mail.js'
import { quietLogger } from '../../../core/test/support/fake-oauth.js'

/**
 * PostgreSQL going away under Latch: a cluster of the test's own (temporary data directory, spare port) is stopped
 * and restarted. While it is down every session check and sign-in answers 503 + Retry-After (JSON) or the error page
 * (browsers) within the bound, nothing is granted and nothing is left unhandled; when it is back the same cookies,
 * users and magic links work again, with no restart of the app.
 */
const COOKIE = 'authjs.session-token'
let server: Awaited<ReturnType<typeof ownPostgres>>
let pool: pg.Pool
const unhandled: unknown[] = []
const onUnhandled = (e: unknown) => void unhandled.push(e)

beforeAll(async () => {
  process.on('unhandledRejection', onUnhandled)
  process.on('uncaughtException', onUnhandled)
  server = await ownPostgres()
  // What docs/guides/several-instances.md recommends: bounded connects and queries, and an 'error' listener
  // (without one, an idle client cut off by a restart crashes the process).
  pool = new pg.Pool({ connectionString: server.url, max: 4, connectionTimeoutMillis: 2_000, query_timeout: 3_000 })
  pool.on('error', () => {})
  await ensureSchema(pool)
  await new PostgresRateLimitStore(pool).ensureTable()
}, 60_000)

afterAll(async () => {
  process.off('unhandledRejection', onUnhandled)
  process.off('uncaughtException', onUnhandled)
  await pool?.end().catch(() => {})
  await server?.destroy()
}, 60_000)

function config() {
  const mail = capturingEmail()
  const cfg: AuthConfig = {
    secret: SECRET,
    url: 'http://app.test',
    logger: quietLogger,
    adapter: PostgresAdapter(pool, { timeoutMs: 2_500 }),
    rateLimit: { store: new PostgresRateLimitStore(pool, { timeoutMs: 2_500 }), ip: false },
    providers: [
      mail.provider,
      Credentials({ credentials: {}, authorize: (c) => (c.username === 'ada' && c.password === 'pw' ? { id: 'own-ada', email: 'ada@own.example' } : null) }),
    ],
  }
  return { cfg, mail }
}

/** Time a request, so the test can check it was answered within the bound (not a performance figure). */
async function timed<T>(work: Promise<T>): Promise<[T, number]> {
  const t = Date.now()
  const out = await work
  return [out, Date.now() - t]
}

describe('PostgreSQL stopped and restarted under Latch (own cluster)', () => {
  it('503 + Retry-After / the error page while down, never a session; everything works again after, no data lost', async () => {
    const { cfg, mail } = config()
    await PostgresAdapter(pool).createUser({ id: 'own-ada', email: 'ada@own.example', emailVerified: null, name: 'Ada' })
    // Before the outage: a database session and an unused magic link.
    const signedIn = new Browser(cfg)
    expect((await signedIn.signInWithCredentials({ username: 'ada', password: 'pw' })).headers.get('location')).toBe('http://app.test/')
    expect(await signedIn.session()).toMatchObject({ user: { email: 'ada@own.example' } })
    const linkUser = new Browser(cfg)
    await requestLink(linkUser, 'Grace@Own.example')
    const link = mail.last().url

    await server.stop()

    // A session check: JSON 503 within the bound; the cookie is kept for when the store returns.
    const [res, ms] = await timed(signedIn.fetch('/auth/session'))
    expect(res.status).toBe(503)
    expect(res.headers.get('retry-after')).toBe('5')
    expect(await res.json()).toMatchObject({ error: 'StoreUnavailable' })
    expect(ms).toBeLessThan(10_000)
    expect(signedIn.jar.has(COOKIE)).toBe(true)

    // A credentials sign-in: the error page (redirect, then 503), no session cookie.
    const fresh = new Browser(cfg)
    const csrfToken = await fresh.csrf()
    const [signin, ms2] = await timed(fresh.fetch('/auth/callback/credentials', { form: { csrfToken, username: 'ada', password: 'pw' } }))
    expect(ms2).toBeLessThan(10_000)
    expect(signin.status).toBe(302)
    const errorUrl = new URL(signin.headers.get('location')!)
    expect(errorUrl.pathname).toBe('/auth/error')
    expect(errorUrl.searchParams.get('error')).toBe('StoreUnavailable')
    expect(fresh.jar.has(COOKIE)).toBe(false)
    const page = await fresh.fetch(errorUrl.pathname + errorUrl.search, { headers: { accept: 'text/html' } })
    expect(page.status).toBe(503)
    expect(page.headers.get('retry-after')).toBe('5')

    // A magic-link request and a magic-link callback: error page, nothing granted, the link is not spent.
    const mailed = mail.sent.length
    const req = await requestLink(new Browser(cfg), 'someone@own.example')
    expect(new URL(req.headers.get('location')!).searchParams.get('error')).toBe('StoreUnavailable')
    expect(mail.sent.length).toBe(mailed)
    const early = await openLink(linkUser, link)
    expect(new URL(early.headers.get('location')!).searchParams.get('error')).toBe('StoreUnavailable')
    expect(linkUser.jar.has(COOKIE)).toBe(false)

    await server.start()

    // Back: the same cookie is the same session, the unused link signs in once, new sign-ins work.
    expect(await signedIn.session()).toMatchObject({ user: { email: 'ada@own.example' } })
    expect((await openLink(linkUser, link)).headers.get('location')).toBe('http://app.test/')
    expect(await linkUser.session()).toMatchObject({ user: { email: 'grace@own.example' } })
    expect((await fresh.signInWithCredentials({ username: 'ada', password: 'pw' })).headers.get('location')).toBe('http://app.test/')
    expect(await fresh.session()).toMatchObject({ user: { email: 'ada@own.example' } })
    const users = await pool.query(`SELECT email FROM public.users ORDER BY email`)
    expect(users.rows.map((r) => r.email)).toEqual(['ada@own.example', 'grace@own.example'])
    expect(unhandled).toEqual([])
  }, 60_000)

  it('a hung server (processes frozen) is a 503 within the adapter bound, and recovers when it answers again', async () => {
    const { cfg } = config()
    const b = new Browser(cfg)
    expect((await b.signInWithCredentials({ username: 'ada', password: 'pw' })).headers.get('location')).toBe('http://app.test/')
    await server.pause()
    try {
      const [res, ms] = await timed(b.fetch('/auth/session'))
      expect(res.status).toBe(503)
      expect(res.headers.get('retry-after')).toBe('5')
      expect(ms).toBeLessThan(10_000)
      const csrfToken = await b.csrf()
      const signin = await new Browser(cfg).fetch('/auth/callback/credentials', { form: { csrfToken, username: 'ada', password: 'pw' }, headers: { cookie: `authjs.csrf-token=${b.jar.get('authjs.csrf-token')}` } })
      expect(new URL(signin.headers.get('location')!).searchParams.get('error')).toBe('StoreUnavailable')
      expect(signin.headers.getSetCookie().some((c) => c.startsWith(`${COOKIE}=`))).toBe(false)
    } finally {
      await server.resume()
    }
    // The pool drops the connections whose queries timed out; fresh ones answer.
    let session: unknown = null
    for (let i = 0; i < 20 && !session; i++) {
      const res = await b.fetch('/auth/session')
      if (res.status === 200) session = await res.json()
      else await new Promise((r) => setTimeout(r, 250))
    }
    expect(session).toMatchObject({ user: { email: 'ada@own.example' } })
    expect(unhandled).toEqual([])
  }, 60_000)
})
