// Hono-specific behaviour beyond the shared suite (in-process via app.request, no server needed).
import { Hono } from 'hono'
import { describe, expect, it } from 'vitest'
import Credentials from '@latch/core/providers/credentials'
import { CookieJar } from '@latch/core/testing'
import { authHandler, getAuthUser, initAuthConfig, verifyAuth, type AuthConfig } from '../src/index.js'

const config: AuthConfig = {
  secret: 'hono-unit-secret-0123456789abcdef0123456789',
  url: 'http://app.test',
  providers: [Credentials({ credentials: {}, authorize: (c) => (c.password === 'pw' ? { id: 'u1', name: 'Una' } : null) })],
}

function app(readBodyFirst: false | 'parseBody' | 'formData' | 'text' = false) {
  const a = new Hono()
  a.use('*', initAuthConfig(() => config))
  if (readBodyFirst) {
    a.use('/auth/*', async (c, next) => {
      if (c.req.method === 'POST') await c.req[readBodyFirst]()
      await next()
    })
  }
  a.use('/auth/*', authHandler())
  a.get('/api/me', verifyAuth(), (c) => c.json({ name: c.get('authUser').user?.name }))
  a.get('/page', verifyAuth({ redirectToSignIn: true }), (c) => c.html('<p>hi</p>'))
  a.get('/maybe', async (c) => c.json({ signedIn: !!(await getAuthUser(c)) }))
  return a
}

async function call(a: Hono, path: string, jar: CookieJar, init: RequestInit = {}) {
  const headers = new Headers(init.headers)
  if (jar.cookies.size) headers.set('cookie', jar.header())
  const res = await a.request(`http://app.test${path}`, { ...init, headers })
  jar.apply(res)
  return res
}

async function signIn(a: Hono, jar: CookieJar) {
  const { csrfToken } = (await (await call(a, '/auth/csrf', jar)).json()) as { csrfToken: string }
  return call(a, '/auth/callback/credentials', jar, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({ csrfToken, password: 'pw' }).toString(),
  })
}

describe('@latch/hono', () => {
  for (const readBodyFirst of [false, 'parseBody', 'formData', 'text'] as const) {
    it(`signs in${readBodyFirst ? ` after a middleware read the body with c.req.${readBodyFirst}()` : ''}`, async () => {
      const a = app(readBodyFirst)
      const jar = new CookieJar()
      expect((await signIn(a, jar)).status).toBe(302)
      const me = await call(a, '/api/me', jar)
      expect(me.status).toBe(200)
      expect(await me.json()).toEqual({ name: 'Una' })
    })
  }

  it('verifyAuth answers 401 JSON, or redirects browsers when asked to', async () => {
    const a = app()
    const api = await call(a, '/api/me', new CookieJar(), { headers: { accept: 'text/html' } })
    expect(api.status).toBe(401)
    expect(await api.json()).toMatchObject({ error: 'Unauthorized' })
    const page = await call(a, '/page?tab=2', new CookieJar(), { headers: { accept: 'text/html' } })
    expect(page.status).toBe(302)
    expect(page.headers.get('location')).toBe('/auth/signin?callbackUrl=%2Fpage%3Ftab%3D2')
    const json = await call(a, '/page', new CookieJar(), { headers: { accept: 'application/json' } })
    expect(json.status).toBe(401)
  })

  it('getAuthUser is null when signed out', async () => {
    expect(await (await call(app(), '/maybe', new CookieJar())).json()).toEqual({ signedIn: false })
  })

  it('says what is missing when initAuthConfig was not used', async () => {
    const a = new Hono()
    a.use('/auth/*', authHandler())
    let message = ''
    a.onError((err, c) => {
      message = err.message
      return c.text('error', 500)
    })
    await a.request('http://app.test/auth/session')
    expect(message).toContain('initAuthConfig')
  })
})

describe('@latch/hono sliding session', () => {
  it('a protected route re-issues an aging session cookie, and clears a bad one', async () => {
    const sliding: AuthConfig = { ...config, session: { updateAge: 0 } }
    const a = new Hono()
    a.use('*', initAuthConfig(() => sliding))
    a.use('/auth/*', authHandler())
    a.get('/api/me', verifyAuth(), (c) => c.json({ name: c.get('authUser').user?.name }))
    a.get('/body', async (c) => c.body(String(!!(await getAuthUser(c)))))
    a.get('/raw', verifyAuth(), () => new Response('raw'))
    const jar = new CookieJar()
    await signIn(a, jar)
    const me = await call(a, '/api/me', jar)
    expect(me.status).toBe(200)
    expect(me.headers.getSetCookie().some((c) => /^authjs\.session-token=ey/.test(c))).toBe(true)
    const body = await call(a, '/body', jar)
    expect(await body.text()).toBe('true')
    expect(body.headers.getSetCookie().some((c) => /^authjs\.session-token=ey/.test(c))).toBe(true)
    const raw = await call(a, '/raw', jar)
    expect(await raw.text()).toBe('raw')
    expect(raw.headers.getSetCookie().filter((c) => /^authjs\.session-token=ey/.test(c))).toHaveLength(1)
    const bad = await a.request('http://app.test/api/me', { headers: { cookie: 'authjs.session-token=garbage' } })
    expect(bad.status).toBe(401)
    expect(bad.headers.getSetCookie().some((c) => /^authjs\.session-token=; Max-Age=0/.test(c))).toBe(true)
  })

  it('getAuthUser checks the session once per request: one clearing of a bad cookie', async () => {
    const a = app()
    a.get('/twice', async (c) => c.json([!!(await getAuthUser(c)), !!(await getAuthUser(c))]))
    const res = await a.request('http://app.test/twice', { headers: { cookie: 'authjs.session-token=garbage' } })
    expect(await res.json()).toEqual([false, false])
    expect(res.headers.getSetCookie().filter((c) => /^authjs\.session-token=; Max-Age=0/.test(c))).toHaveLength(1)
  })

  it('a fresh session sets no cookie on protected routes', async () => {
    const a = app()
    const jar = new CookieJar()
    await signIn(a, jar)
    expect((await call(a, '/api/me', jar)).headers.getSetCookie()).toEqual([])
  })
})
