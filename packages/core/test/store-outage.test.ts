import { describe, expect, it } from 'vitest'
import type { AuthConfig } from '../src/index.js'
import type { Adapter } from '../src/adapters/types.js'
import type { RateLimitStore } from '../src/rate-limit/types.js'
import Credentials from '../src/providers/credentials.js'
import { MemoryAdapter } from '../src/adapters/memory.js'
import { MemoryRateLimitStore } from '../src/rate-limit/memory.js'
import { isStoreOutage } from '../src/store/outage.js'
import { checkSession } from '../src/get-session.js'
import { Browser, SECRET } from './support/client.js'
import { quietLogger } from './support/fake-oauth.js'

const COOKIE = 'authjs.session-token'

/** What pg / ioredis throw when the server is gone. */
function refused(): Error {
  return Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:1'), { code: 'ECONNREFUSED' })
}

/** An adapter and a rate-limit store that can be switched off, like a database being restarted. */
function switchable() {
  const state = { down: false, broken: false }
  const inner = MemoryAdapter()
  const adapter = new Proxy(inner, {
    get(target, prop, recv) {
      const v = Reflect.get(target, prop, recv)
      if (typeof v !== 'function') return v
      return (...args: unknown[]) => {
        if (state.down) return Promise.reject(refused())
        if (state.broken) return Promise.reject(new Error('relation "sessions" does not exist'))
        return v.apply(target, args)
      }
    },
  }) as Adapter
  const memory = new MemoryRateLimitStore()
  const store: RateLimitStore = {
    hit: (k, w, m) => (state.down ? Promise.reject(refused()) : memory.hit(k, w, m)),
    reset: (k) => memory.reset(k),
  }
  return { state, adapter, store }
}

function config(adapter: Adapter, store: RateLimitStore, extra: Partial<AuthConfig> = {}): AuthConfig {
  return {
    secret: SECRET,
    url: 'http://app.test',
    logger: quietLogger,
    adapter,
    rateLimit: { store, ip: false },
    providers: [Credentials({ credentials: { username: {}, password: {} }, authorize: (c) => (c.password === 'pw' ? { id: 'u1', name: 'Ada', email: 'ada@example.com' } : null) })],
    ...extra,
  }
}

describe('store outages fail closed with 503', () => {
  it('a session check answers 503 + Retry-After while the database is down, and works again after', async () => {
    const { state, adapter, store } = switchable()
    await adapter.createUser!({ id: 'u1', email: 'ada@example.com', emailVerified: null, name: 'Ada' })
    const b = new Browser(config(adapter, store))
    expect((await b.signInWithCredentials({ username: 'ada', password: 'pw' })).status).toBe(302)
    const token = b.jar.get(COOKIE)
    expect(token).toBeTruthy()
    state.down = true
    const res = await b.fetch('/auth/session')
    expect(res.status).toBe(503)
    expect(res.headers.get('retry-after')).toBe('5')
    expect(await res.json()).toMatchObject({ error: 'StoreUnavailable' })
    // The cookie is kept (nothing is cleared on an outage): the session comes back with the store.
    expect(res.headers.getSetCookie().some((c) => c.startsWith(`${COOKIE}=`))).toBe(false)
    state.down = false
    expect(await b.session()).toMatchObject({ user: { email: 'ada@example.com' } })
  })

  it('a JWT session check with a session-version adapter answers 503 rather than granting the session', async () => {
    const { state, adapter, store } = switchable()
    await adapter.createUser!({ id: 'u1', email: 'ada@example.com', emailVerified: null, name: 'Ada' })
    const b = new Browser(config(adapter, store, { session: { strategy: 'jwt', versionCacheMaxAge: 0 } }))
    await b.signInWithCredentials({ username: 'ada', password: 'pw' })
    state.down = true
    const res = await b.fetch('/auth/session')
    expect(res.status).toBe(503)
    expect(res.headers.get('retry-after')).toBe('5')
    state.down = false
    expect(await b.session()).toMatchObject({ user: { email: 'ada@example.com' } })
  })

  it('a sign-in while the stores are down goes to the error page (503), sets no session, and works after', async () => {
    const { state, adapter, store } = switchable()
    await adapter.createUser!({ id: 'u1', email: 'ada@example.com', emailVerified: null, name: 'Ada' })
    const b = new Browser(config(adapter, store))
    const csrfToken = await b.csrf()
    state.down = true
    const res = await b.fetch('/auth/callback/credentials', { form: { csrfToken, username: 'ada', password: 'pw' } })
    expect(res.status).toBe(302)
    expect(res.headers.get('retry-after')).toBe('5')
    const loc = new URL(res.headers.get('location')!)
    expect(loc.pathname).toBe('/auth/error')
    expect(loc.searchParams.get('error')).toBe('StoreUnavailable')
    expect(b.jar.has(COOKIE)).toBe(false)
    const page = await b.fetch(loc.pathname + loc.search, { headers: { accept: 'text/html' } })
    expect(page.status).toBe(503)
    expect(page.headers.get('retry-after')).toBe('5')
    expect(await page.text()).toMatch(/unavailable/i)
    state.down = false
    expect((await b.signInWithCredentials({ username: 'ada', password: 'pw' })).headers.get('location')).toBe('http://app.test/')
    expect(b.jar.has(COOKIE)).toBe(true)
  })

  it('a rate-limit store outage alone fails the sign-in closed (authorize never runs)', async () => {
    const { state, adapter, store } = switchable()
    let calls = 0
    const cfg = config(adapter, { hit: (...a) => (calls++, store.hit(...a)) })
    const provider = cfg.providers[0] as ReturnType<typeof Credentials>
    let authorized = 0
    cfg.providers = [{ ...provider, authorize: (c, r) => (authorized++, provider.authorize(c, r)) }]
    const b = new Browser(cfg)
    const csrfToken = await b.csrf()
    state.down = true
    const res = await b.fetch('/auth/callback/credentials', { form: { csrfToken, username: 'ada', password: 'pw' }, headers: { 'x-auth-return-redirect': '1' } })
    expect(calls).toBe(1)
    expect(authorized).toBe(0)
    expect(b.jar.has(COOKIE)).toBe(false)
    expect(JSON.stringify(await res.json())).toContain('error=StoreUnavailable')
  })

  it('other adapter faults stay AdapterError (500 for JSON clients): not every throw is an outage', async () => {
    const { state, adapter, store } = switchable()
    await adapter.createUser!({ id: 'u1', email: 'ada@example.com', emailVerified: null, name: 'Ada' })
    const b = new Browser(config(adapter, store))
    await b.signInWithCredentials({ username: 'ada', password: 'pw' })
    state.broken = true
    const res = await b.fetch('/auth/session')
    expect(res.status).toBe(500)
    expect(res.headers.get('retry-after')).toBeNull()
  })

  it('recognises what pg, ioredis, postgres.js and Prisma throw for an outage', () => {
    expect(isStoreOutage(refused())).toBe(true)
    expect(isStoreOutage(new Error('Connection terminated due to connection timeout'))).toBe(true)
    expect(isStoreOutage(new Error('timeout exceeded when trying to connect'))).toBe(true)
    expect(isStoreOutage(Object.assign(new Error('terminating connection due to administrator command'), { code: '57P01' }))).toBe(true)
    expect(isStoreOutage(Object.assign(new Error('canceling statement due to statement timeout'), { code: '57014' }))).toBe(true)
    expect(isStoreOutage(Object.assign(new Error('x'), { code: '08006' }))).toBe(true)
    expect(isStoreOutage(Object.assign(new Error('Reached the max retries per request limit'), { name: 'MaxRetriesPerRequestError' }))).toBe(true)
    expect(isStoreOutage(new Error("Stream isn't writeable and enableOfflineQueue options is false"))).toBe(true)
    expect(isStoreOutage(new Error('Command timed out'))).toBe(true)
    expect(isStoreOutage(Object.assign(new Error("Can't reach database server"), { code: 'P1001' }))).toBe(true)
    expect(isStoreOutage(new AggregateError([refused()]))).toBe(true)
    expect(isStoreOutage(new Error('wrapped', { cause: refused() }))).toBe(true)
    expect(isStoreOutage(Object.assign(new Error('duplicate key value'), { code: '23505' }))).toBe(false)
    expect(isStoreOutage(new Error('relation "sessions" does not exist'))).toBe(false)
    expect(isStoreOutage(undefined)).toBe(false)
  })
  it('checkSession reports the outage (unavailable + Retry-After) so guards answer 503, not 401; no session either way', async () => {
    const { state, adapter, store } = switchable()
    await adapter.createUser!({ id: 'u1', email: 'ada@example.com', emailVerified: null, name: 'Ada' })
    const cfg = config(adapter, store, { session: { strategy: 'database' } })
    const b = new Browser(cfg)
    await b.signInWithCredentials({ username: 'ada', password: 'pw' })
    const request = new Request('http://app.test/api', { headers: { cookie: `${COOKIE}=${b.jar.get(COOKIE)}` } })
    state.down = true
    expect(await checkSession(request, cfg)).toEqual({ session: null, setCookies: [], unavailable: { retryAfter: '5' } })
    state.down = false
    const back = await checkSession(request, cfg)
    expect(back.session?.user?.email).toBe('ada@example.com')
    expect(back.unavailable).toBeUndefined()
  })
})
