import { describe, expect, it, vi } from 'vitest'
import { Auth, checkSession, getSession, type AuthConfig } from '../src/index.js'
import { encode, getToken } from '../src/jwt.js'
import Credentials from '../src/providers/credentials.js'
import { Browser, SECRET } from './support/client.js'

function setup(extra: Partial<AuthConfig> = {}) {
  let now = Math.floor(Date.now() / 1000)
  const config: AuthConfig = {
    secret: SECRET,
    url: 'http://app.test',
    providers: [Credentials({ authorize: async () => ({ id: 'u1', name: 'Ada', email: 'ada@example.com' }) })],
    session: { maxAge: 3600, updateAge: 600 },
    clock: () => now,
    ...extra,
  }
  return { config, browser: new Browser(config), advance: (s: number) => (now += s) }
}

describe('GET /session (JWT)', () => {
  it('re-issues the cookie only after updateAge, not on every read', async () => {
    const { browser, advance } = setup()
    await browser.signInWithCredentials({})
    const first = browser.jar.get('authjs.session-token')
    advance(60)
    const r1 = await browser.fetch('/auth/session')
    expect(r1.headers.getSetCookie()).toHaveLength(0)
    expect(r1.headers.get('cache-control')).toContain('no-store')
    advance(600)
    const r2 = await browser.fetch('/auth/session')
    expect(r2.headers.getSetCookie()).toHaveLength(1)
    expect(browser.jar.get('authjs.session-token')).not.toBe(first)
  })

  it('expires reflects the token: sliding only when re-issued', async () => {
    const { browser, advance } = setup()
    await browser.signInWithCredentials({})
    const a = new Date((await browser.session()).expires).getTime()
    advance(30)
    const b = new Date((await browser.session()).expires).getTime()
    expect(b).toBe(a)
    advance(700)
    const c = new Date((await browser.session()).expires).getTime()
    expect(c).toBeGreaterThan(a)
  })

  it('an expired token is null and its cookie cleared', async () => {
    const { browser, advance } = setup()
    await browser.signInWithCredentials({})
    advance(3600 + 60)
    const res = await browser.fetch('/auth/session')
    expect(await res.json()).toBeNull()
    expect(browser.jar.has('authjs.session-token')).toBe(false)
  })

  it('garbage, truncated and foreign tokens are null, never an error', async () => {
    const valid = await encode({ token: { sub: 'x' }, salt: 'authjs.session-token', secret: SECRET })
    for (const value of ['garbage', valid.slice(0, -5), valid.replace(/\./g, ''), 'a.b.c.d.e', '%', 'x'.repeat(5000), await encode({ token: { sub: 'x' }, salt: 'authjs.session-token', secret: 'another-secret-entirely' })]) {
      const res = await Auth(new Request('http://app.test/auth/session', { headers: { cookie: `authjs.session-token=${value}` } }), setup().config)
      expect(res.status).toBe(200)
      expect(await res.json()).toBeNull()
    }
  })

  it('the jwt callback returning null signs the user out', async () => {
    const { browser } = setup({ callbacks: { jwt: ({ token, user }) => (user ? token : null) } })
    await browser.signInWithCredentials({})
    expect(await browser.session()).toBeNull()
    expect(browser.jar.has('authjs.session-token')).toBe(false)
  })

  it('a changed token from the jwt callback is re-issued at once', async () => {
    let n = 0
    const { browser } = setup({ callbacks: { jwt: ({ token }) => ({ ...token, n: ++n }), session: ({ session, token }) => ({ ...session, n: token.n }) } })
    await browser.signInWithCredentials({})
    const res = await browser.fetch('/auth/session')
    expect(res.headers.getSetCookie()).toHaveLength(1)
    expect((await res.json()).n).toBe(2)
  })

  it('a throwing session callback is a 500 JSON error, and getSession() fails closed to null', async () => {
    const errors: Error[] = []
    const { config, browser } = setup({ callbacks: { session: () => { throw new Error('db down') } }, logger: { error: (e) => errors.push(e) } })
    await browser.signInWithCredentials({})
    const res = await browser.fetch('/auth/session')
    expect(res.status).toBe(500)
    expect((await res.json()).error).toBe('Configuration')
    expect(errors[0]?.message).toMatch(/callback/)
    const s = await getSession(new Request('http://app.test/page', { headers: { cookie: browser.cookieHeader() } }), config)
    expect(s).toBeNull()
  })

  it('a token error (failed refresh-token rotation) reaches the session as `error`', async () => {
    const { browser } = setup({ callbacks: { jwt: ({ token, user }) => (user ? token : { ...token, error: 'RefreshAccessTokenError' }) } })
    await browser.signInWithCredentials({})
    expect((await browser.session()).error).toBe('RefreshAccessTokenError')
  })

  it('checkSession hands back the re-issued cookie after updateAge, and nothing before', async () => {
    const { config, browser, advance } = setup()
    await browser.signInWithCredentials({})
    const req = () => new Request('http://app.test/page', { headers: { cookie: browser.cookieHeader() } })
    const fresh = await checkSession(req(), config)
    expect(fresh.session?.user?.name).toBe('Ada')
    expect(fresh.setCookies).toEqual([])
    advance(601)
    const old = await checkSession(req(), config)
    expect(old.session?.user?.name).toBe('Ada')
    expect(old.setCookies).toHaveLength(1)
    expect(old.setCookies[0]).toMatch(/^authjs\.session-token=ey/)
    const bad = await checkSession(new Request('http://app.test/page', { headers: { cookie: 'authjs.session-token=garbage' } }), config)
    expect(bad.session).toBeNull()
    expect(bad.setCookies[0]).toMatch(/^authjs\.session-token=; Max-Age=0/)
  })

  it('getSession returns the session for a signed-in request', async () => {
    const { config, browser } = setup()
    await browser.signInWithCredentials({})
    const s = await getSession(new Request('http://app.test/page', { headers: { cookie: browser.cookieHeader() } }), config)
    expect(s?.user?.email).toBe('ada@example.com')
  })

  it('events.session fires and a throwing event handler does not break the response', async () => {
    const seen = vi.fn(() => { throw new Error('event boom') })
    const { browser } = setup({ events: { session: seen }, logger: { error: () => {} } })
    await browser.signInWithCredentials({})
    expect((await browser.session()).user.name).toBe('Ada')
    expect(seen).toHaveBeenCalledOnce()
  })
})

describe('getToken', () => {
  it('reads the cookie, or a Bearer token, and never throws on bad input', async () => {
    const token = await encode({ token: { sub: 'u1' }, salt: 'authjs.session-token', secret: SECRET })
    const req = (headers: Record<string, string>) => new Request('http://app.test/api', { headers })
    expect((await getToken({ req: req({ cookie: `authjs.session-token=${token}` }), secret: SECRET }))?.sub).toBe('u1')
    expect((await getToken({ req: req({ authorization: `Bearer ${token}` }), secret: SECRET }))?.sub).toBe('u1')
    expect(await getToken({ req: req({ authorization: 'Bearer %' }), secret: SECRET })).toBeNull()
    expect(await getToken({ req: req({ authorization: 'Bearer %E0%A4%A' }), secret: SECRET })).toBeNull()
    expect(await getToken({ req: req({ authorization: 'Bearer' }), secret: SECRET })).toBeNull()
    expect(await getToken({ req: req({ cookie: 'authjs.session-token=%' }), secret: SECRET })).toBeNull()
    expect(await getToken({ req: req({}), secret: SECRET })).toBeNull()
    expect(await getToken({ req: req({ cookie: `authjs.session-token=${token}` }), secret: SECRET, raw: true })).toBe(token)
    expect((await getToken({ req: { headers: { cookie: `authjs.session-token=${token}` } }, secret: SECRET }))?.sub).toBe('u1')
    expect(await getToken({ req: new Request('https://app.test/', { headers: { cookie: `authjs.session-token=${token}` } }), secret: SECRET })).toBeNull()
  })
})
