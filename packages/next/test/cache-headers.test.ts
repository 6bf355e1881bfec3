// Cache hardening of the proxy, auth(handler) and the pages router (core src/http/harden.ts).
import { NextRequest } from 'next/server'
import { describe, expect, it } from 'vitest'
import { CookieJar } from '@latch/core/testing'
import NextAuth from '../src/index.js'
import { ORIGIN, signInJar, testConfig } from './helpers.js'

const event = { waitUntil: () => {} }
const authorized = ({ request, auth }: { request: NextRequest; auth: unknown }) => (request.nextUrl.pathname.startsWith('/admin') ? !!auth : true)

describe('@latch/next cache headers', () => {
  it('the proxy lets a session through private, no-store with Vary: Cookie; a garbage cookie’s redirect is no-store', async () => {
    const { handlers, auth } = NextAuth(testConfig({ callbacks: { authorized } }))
    const jar = await signInJar(handlers)
    const res = await auth(new NextRequest(`${ORIGIN}/admin`, { headers: { cookie: jar.header() } }), event)
    expect(res.headers.get('x-middleware-next')).toBe('1')
    expect(res.headers.get('cache-control')).toBe('private, no-store')
    expect(res.headers.get('vary')).toBe('Cookie')
    const stale = await auth(new NextRequest(`${ORIGIN}/admin`, { headers: { cookie: 'authjs.session-token=garbage' } }), event)
    expect(stale.status).toBe(307)
    expect(stale.headers.getSetCookie().some((c) => c.startsWith('authjs.session-token=;'))).toBe(true)
    expect(stale.headers.get('cache-control')).toBe('private, no-store')
    expect(stale.headers.get('x-content-type-options')).toBe('nosniff')
    // signed out, nothing set: the open page is not touched
    const open = await auth(new NextRequest(`${ORIGIN}/`), event)
    expect(open.headers.get('cache-control')).toBeNull()
  })

  it('auth(handler) keeps the app’s private header, replaces a public one, and honours allowSharedCache', async () => {
    const { handlers, auth } = NextAuth(testConfig({ allowSharedCache: (req) => req.nextUrl.pathname === '/docs' }))
    const jar = await signInJar(handlers)
    const route = auth(() => Response.json({}, { headers: { 'cache-control': 'public, max-age=60', vary: 'Accept' } }))
    const own = auth(() => Response.json({}, { headers: { 'cache-control': 'private, max-age=5' } }))
    const ctx = { params: Promise.resolve({}) }
    const req = (path: string) => new NextRequest(`${ORIGIN}${path}`, { headers: { cookie: jar.header() } })
    const res = await route(req('/api/me'), ctx)
    expect(res.headers.get('cache-control')).toBe('private, no-store')
    expect(res.headers.get('vary')).toBe('Accept, Cookie')
    expect((await own(req('/api/me'), ctx)).headers.get('cache-control')).toBe('private, max-age=5')
    const docs = await route(req('/docs'), ctx)
    expect(docs.headers.get('cache-control')).toBe('public, max-age=60')
    expect(docs.headers.get('vary')).toBe('Accept')
    const signedOut = await route(new NextRequest(`${ORIGIN}/api/me`), ctx)
    expect(signedOut.headers.get('cache-control')).toBe('public, max-age=60')
  })

  it('the pages router: auth(req, res) marks the response private when it finds a session', async () => {
    const { handlers, auth } = NextAuth(testConfig({ session: { updateAge: 0 } }))
    const jar: CookieJar = await signInJar(handlers)
    const headers = new Map<string, unknown>([['cache-control', 'public, max-age=60']])
    const res = { getHeader: (n: string) => headers.get(n) as string | undefined, setHeader: (n: string, v: unknown) => void headers.set(n.toLowerCase(), v) }
    const session = await auth({ headers: { cookie: jar.header(), host: 'app.test' } }, res)
    expect(session?.user?.email).toBe('ada@example.com')
    expect(headers.get('cache-control')).toBe('private, no-store')
    expect(headers.get('vary')).toBe('Cookie')
    expect(String(headers.get('set-cookie'))).toContain('authjs.session-token=')
  })
})
