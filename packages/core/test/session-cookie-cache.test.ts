// session.cookieCache: database sessions answered from an encrypted, session-bound cookie for at most maxAge
// seconds; adapter calls counted on the memory adapter.
import { describe, expect, it, vi } from 'vitest'
import { Auth, type AuthConfig } from '../src/index.js'
import Credentials from '../src/providers/credentials.js'
import { MemoryAdapter } from '../src/adapters/memory.js'
import { Browser, SECRET } from './support/client.js'
import { quietLogger } from './support/fake-oauth.js'

const TOKEN = 'authjs.session-token'
const DATA = 'authjs.session-data'

async function setup(session: AuthConfig['session'] = { cookieCache: { maxAge: 60 } }) {
  let now = 1_800_000_000
  const adapter = MemoryAdapter({ now: () => now * 1000 })
  await adapter.createUser({ id: 'u1', email: 'ada@example.com', emailVerified: new Date('2026-01-01T00:00:00Z'), name: 'Ada' })
  const reads = vi.spyOn(adapter, 'getSessionAndUser')
  const seen: unknown[] = []
  const config: AuthConfig = {
    secret: SECRET,
    url: 'http://app.test',
    logger: quietLogger,
    adapter,
    clock: () => now,
    session: { maxAge: 3600, updateAge: 600, ...session },
    providers: [Credentials({ credentials: {}, authorize: (c) => (c.password === 'pw' ? { id: 'u1', email: 'ada@example.com' } : null) })],
    callbacks: { session: ({ session, user }) => (seen.push(user), { ...session, userId: user?.id }) },
  }
  const b = new Browser(config)
  await b.signInWithCredentials({ password: 'pw' })
  reads.mockClear()
  return { adapter, reads, config, b, seen, tick: (s: number) => void (now += s) }
}

const sessionWith = (config: AuthConfig, cookie: string) =>
  Auth(new Request('http://app.test/auth/session', { headers: { cookie } }), config).then(async (r) => ({ status: r.status, body: await r.json(), setCookie: r.headers.getSetCookie() }))

describe('session.cookieCache (database sessions)', () => {
  it('a warm check makes no adapter call; the cached user keeps its Date; after maxAge the database is read again', async () => {
    const { reads, b, seen, tick } = await setup()
    expect(await b.session()).toMatchObject({ user: { email: 'ada@example.com' }, userId: 'u1' })
    expect(reads).toHaveBeenCalledTimes(1)
    expect(b.jar.get(DATA)).toMatch(/^ey/)
    for (let i = 0; i < 5; i++) expect(await b.session()).toMatchObject({ userId: 'u1' })
    expect(reads).toHaveBeenCalledTimes(1)
    expect((seen.at(-1) as { emailVerified: unknown }).emailVerified).toBeInstanceOf(Date)
    tick(60)
    expect(await b.session()).toMatchObject({ userId: 'u1' })
    expect(reads).toHaveBeenCalledTimes(2)
    await b.session()
    expect(reads).toHaveBeenCalledTimes(2)
  })

  it('off by default: every check reads the database and no cache cookie is set', async () => {
    const { reads, b } = await setup({})
    for (let i = 0; i < 3; i++) await b.session()
    expect(reads).toHaveBeenCalledTimes(3)
    expect(b.jar.has(DATA)).toBe(false)
  })

  it('is bound to its session: pasted next to another session token, or tampered with, it is ignored', async () => {
    const { reads, config, b } = await setup()
    await b.session()
    const other = new Browser(config)
    await other.signInWithCredentials({ password: 'pw' })
    reads.mockClear()
    const res = await sessionWith(config, `${TOKEN}=${other.jar.get(TOKEN)}; ${DATA}=${b.jar.get(DATA)}`)
    expect(res.status).toBe(200)
    expect(reads).toHaveBeenCalledTimes(1)
    // Re-issued for the right session.
    expect(res.setCookie.some((c) => c.startsWith(`${DATA}=ey`))).toBe(true)
    const data = b.jar.get(DATA)!
    const tampered = data.slice(0, -4) + (data.endsWith('AAAA') ? 'BBBB' : 'AAAA')
    for (const bad of [tampered, 'garbage', '']) {
      reads.mockClear()
      const r = await sessionWith(config, `${TOKEN}=${b.jar.get(TOKEN)}; ${DATA}=${bad}`)
      expect(r.status).toBe(200)
      expect(r.body).toMatchObject({ userId: 'u1' })
      expect(reads).toHaveBeenCalledTimes(1)
    }
    // Without a session token, a cache cookie alone is no session.
    const alone = await sessionWith(config, `${DATA}=${data}`)
    expect(alone.body).toBeNull()
    expect(alone.setCookie.some((c) => c.startsWith(`${DATA}=;`))).toBe(true)
  })

  it('sign-out clears it; an update reads the database and rewrites it', async () => {
    const { reads, b } = await setup()
    await b.session()
    const before = b.jar.get(DATA)
    const res = await b.fetch('/auth/session', { json: { csrfToken: await b.csrf(), data: { x: 1 } } })
    expect(res.status).toBe(200)
    expect(reads).toHaveBeenCalledTimes(2)
    expect(b.jar.get(DATA)).toMatch(/^ey/)
    expect(b.jar.get(DATA)).not.toBe(before)
    const out = await b.fetch('/auth/signout', { form: { csrfToken: await b.csrf() } })
    expect(out.headers.getSetCookie().some((c) => c.startsWith(`${DATA}=;`) && /Max-Age=0/i.test(c))).toBe(true)
    expect(b.jar.has(DATA)).toBe(false)
    expect(await b.session()).toBeNull()
  })

  it('does not outlive the updateAge extension: a check due one reads the database and extends the row', async () => {
    const { adapter, reads, b, tick } = await setup({ cookieCache: { maxAge: 300 } })
    const update = vi.spyOn(adapter, 'updateSession')
    await b.session()
    tick(590)
    await b.session() // the cache cookie (300 s) has expired: a read; the session is not yet due its extension
    tick(20)
    const res = await b.fetch('/auth/session')
    expect(update).toHaveBeenCalledTimes(1)
    expect(res.headers.getSetCookie().some((c) => c.startsWith(`${DATA}=ey`))).toBe(true)
    expect(reads).toHaveBeenCalledTimes(3)
  })

  it('a session past updateAge on a still-fresh cache cookie goes to the database', async () => {
    const { adapter, reads, b, tick } = await setup({ cookieCache: { maxAge: 300 }, updateAge: 100 })
    const update = vi.spyOn(adapter, 'updateSession')
    await b.session()
    expect(reads).toHaveBeenCalledTimes(1)
    const before = b.jar.get(DATA)
    tick(150) // cache cookie still 150 s from expiry, but the session is due its extension
    const extended = await b.session()
    expect(reads).toHaveBeenCalledTimes(2)
    expect(update).toHaveBeenCalledTimes(1)
    // The cache cookie is rewritten with the extended expiry, and answers the next check.
    expect(b.jar.get(DATA)).not.toBe(before)
    tick(10)
    expect(await b.session()).toMatchObject({ expires: extended.expires })
    expect(reads).toHaveBeenCalledTimes(2)
  })

  it('a user too large for one cookie is not cached (and a stale cache cookie is cleared), never a 5xx', async () => {
    const { adapter, reads, b } = await setup()
    await b.session()
    expect(b.jar.has(DATA)).toBe(true)
    await adapter.updateUser({ id: 'u1', name: 'A'.repeat(4000) })
    b.jar.delete(DATA)
    b.jar.set(DATA, 'stale')
    reads.mockClear()
    for (let i = 0; i < 3; i++) {
      const res = await b.fetch('/auth/session')
      expect(res.status).toBe(200)
      expect(((await res.json()) as { user: { name: string } }).user.name).toHaveLength(4000)
    }
    expect(b.jar.has(DATA)).toBe(false)
    expect(reads).toHaveBeenCalledTimes(3)
  })

  it('rejects a maxAge outside 1..300 at configuration', async () => {
    for (const maxAge of [0, 301, 1.5, Number.NaN]) {
      const config: AuthConfig = { secret: SECRET, url: 'http://app.test', logger: quietLogger, adapter: MemoryAdapter(), session: { cookieCache: { maxAge } }, providers: [] }
      const res = await Auth(new Request('http://app.test/auth/session'), config)
      expect(res.status).toBe(500)
      expect(await res.text()).not.toContain(SECRET)
    }
  })
})
