// verifyAuth while the session store is down: 503 + Retry-After (browsers with redirectToSignIn: the error page),
// never a 401 that would tell the client it is signed out. Found by tests/cluster (PostgreSQL stopped under load).
import { Hono } from 'hono'
import { describe, expect, it } from 'vitest'
import Credentials from '@latch/core/providers/credentials'
import { MemoryAdapter } from '@latch/core/adapters/memory'
import { CookieJar } from '@latch/core/testing'
import { authHandler, initAuthConfig, verifyAuth, type AuthConfig } from '../src/index.js'

const state = { down: false }
const inner = MemoryAdapter()
const refused = () => Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:1'), { code: 'ECONNREFUSED' })
const config: AuthConfig = {
  secret: 'hono-outage-secret-0123456789abcdef0123456789',
  url: 'http://app.test/auth',
  adapter: { ...inner, getSessionAndUser: (t: string) => (state.down ? Promise.reject(refused()) : inner.getSessionAndUser!(t)) },
  session: { strategy: 'database' },
  logger: { error: () => {}, warn: () => {}, debug: () => {} },
  providers: [Credentials({ credentials: { username: {}, password: { type: 'password' } }, authorize: async (c) => (c.password === 'pw' ? inner.getUser!('u1') : null) })],
}
const app = new Hono()
app.use('*', initAuthConfig(() => config))
app.use('/auth/*', authHandler())
app.get('/api/me', verifyAuth(), (c) => c.json({ name: c.get('authUser').user?.name }))
app.get('/page', verifyAuth({ redirectToSignIn: true }), (c) => c.html('<p>hi</p>'))

async function call(path: string, jar: CookieJar, init: RequestInit = {}) {
  const headers = new Headers(init.headers)
  if (jar.cookies.size) headers.set('cookie', jar.header())
  const res = await app.request(`http://app.test${path}`, { ...init, headers })
  jar.apply(res)
  return res
}

describe('verifyAuth while the session store is down', () => {
  it('answers 503 + Retry-After (JSON), the error page for browsers; 200 again once the store is back', async () => {
    await inner.createUser!({ id: 'u1', email: 'una@example.com', emailVerified: null, name: 'Una' })
    const jar = new CookieJar()
    const { csrfToken } = (await (await call('/auth/csrf', jar)).json()) as { csrfToken: string }
    await call('/auth/callback/credentials', jar, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded', origin: 'http://app.test' },
      body: new URLSearchParams({ csrfToken, username: 'una', password: 'pw' }).toString(),
    })
    expect(jar.has('session-token')).toBe(true)
    state.down = true
    try {
      const api = await call('/api/me', jar)
      expect(api.status).toBe(503)
      expect(api.headers.get('retry-after')).toBe('5')
      expect(await api.json()).toMatchObject({ error: 'StoreUnavailable' })
      const page = await call('/page', jar, { headers: { accept: 'text/html' } })
      expect(page.status).toBe(302)
      expect(page.headers.get('location')).toBe('/auth/error?error=StoreUnavailable')
    } finally {
      state.down = false
    }
    expect((await call('/api/me', jar)).status).toBe(200)
    expect((await app.request('http://app.test/api/me')).status).toBe(401)
  })
})
