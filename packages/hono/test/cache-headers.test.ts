// Hono-specific cache hardening beyond the shared headers suite (in-process via app.request).
import { Hono } from 'hono'
import { describe, expect, it } from 'vitest'
import Credentials from '@latch/core/providers/credentials'
import { CookieJar } from '@latch/core/testing'
import { authHandler, getAuthUser, initAuthConfig, verifyAuth, type AuthConfig } from '../src/index.js'

const config: AuthConfig = {
  secret: 'hono-cache-secret-0123456789abcdef0123456789',
  url: 'http://app.test',
  providers: [Credentials({ credentials: {}, authorize: (c) => (c.password === 'pw' ? { id: 'u1', name: 'Una' } : null) })],
}

function app() {
  const a = new Hono()
  a.use('*', initAuthConfig(() => config))
  a.use('/auth/*', authHandler())
  a.get('/public', verifyAuth({ allowSharedCache: true }), (c) => c.text('same for all', 200, { 'Cache-Control': 'public, max-age=60' }))
  a.get('/strict', verifyAuth(), (c) => c.json({}, 200, { 'Cache-Control': 'private, max-age=30', Vary: 'Accept' }))
  a.get('/raw', verifyAuth(), () => Response.redirect('http://app.test/elsewhere', 302))
  a.get('/home', async (c) => c.html(`<p>${(await getAuthUser(c))?.user?.name ?? 'guest'}</p>`))
  return a
}

async function signedIn(a: Hono): Promise<CookieJar> {
  const jar = new CookieJar()
  const csrf = await a.request('http://app.test/auth/csrf')
  jar.apply(csrf)
  const { csrfToken } = (await csrf.json()) as { csrfToken: string }
  jar.apply(
    await a.request('http://app.test/auth/callback/credentials', {
      method: 'POST',
      headers: { cookie: jar.header(), 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ csrfToken, password: 'pw' }).toString(),
    }),
  )
  expect(jar.has('session-token')).toBe(true)
  return jar
}

const get = (a: Hono, path: string, jar: CookieJar) => a.request(`http://app.test${path}`, { headers: { cookie: jar.header(), accept: 'application/json' } })

describe('@latch/hono cache headers', () => {
  it('keeps the app’s own private header and merges Vary', async () => {
    const a = app()
    const res = await get(a, '/strict', await signedIn(a))
    expect(res.headers.get('cache-control')).toBe('private, max-age=30')
    expect(res.headers.get('vary')).toBe('Accept, Cookie')
  })

  it('hardens a raw Response with immutable headers', async () => {
    const a = app()
    const res = await get(a, '/raw', await signedIn(a))
    expect(res.status).toBe(302)
    expect(res.headers.get('cache-control')).toBe('private, no-store')
    expect(res.headers.get('vary')).toBe('Cookie')
  })

  it('a page rendered with getAuthUser alone is private when signed in, untouched when signed out', async () => {
    const a = app()
    const res = await get(a, '/home', await signedIn(a))
    expect(res.headers.get('cache-control')).toBe('private, no-store')
    const guest = await get(a, '/home', new CookieJar())
    expect(guest.headers.get('cache-control')).toBeNull()
    expect(guest.headers.get('vary')).toBeNull()
  })

  it('verifyAuth({ allowSharedCache }) leaves a public page alone when no cookie goes out', async () => {
    const a = app()
    const res = await get(a, '/public', await signedIn(a))
    expect(res.status).toBe(200)
    expect(res.headers.getSetCookie()).toEqual([])
    expect(res.headers.get('cache-control')).toBe('public, max-age=60')
    expect(res.headers.get('vary')).toBeNull()
  })

  it('the signed-out 401 is Latch’s: nosniff', async () => {
    const res = await get(app(), '/strict', new CookieJar())
    expect(res.status).toBe(401)
    expect(res.headers.get('x-content-type-options')).toBe('nosniff')
  })
})
