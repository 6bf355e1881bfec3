// The same overloads on Next 15.5's request/response classes (`next15` is an npm alias of next@15.5):
// middleware.ts on the Edge-style NextFetchEvent, route handlers, withAuth and getToken.
import { beforeEach, describe, expect, it, vi } from 'vitest'
import { NextRequest, NextResponse } from 'next15/server'
import { encode } from '@latch/core/jwt'
import NextAuth from '../src/index.js'
import { withAuth } from '../src/middleware.js'
import { getToken } from '../src/jwt.js'
import { ORIGIN, SECRET, nextMock, signInJar, testConfig } from './helpers.js'

vi.mock('next/server', async () => await import('next15/server'))

beforeEach(() => nextMock.reset())

const event = { waitUntil() {}, sourcePage: '/middleware' }

describe('on Next 15.5', () => {
  it('uses Next 15 classes here', async () => {
    const pkg = (await import('next15/package.json', { with: { type: 'json' } })).default as { version: string }
    expect(pkg.version).toMatch(/^15\.5\./)
    const mocked = await import('next/server')
    expect(mocked.NextResponse).toBe(NextResponse)
  })

  it('middleware.ts: redirect to sign-in with callbackUrl, no loop on the sign-in page, next() when allowed', async () => {
    const { handlers, auth } = NextAuth(testConfig({ callbacks: { authorized: ({ auth: a, request }) => request.nextUrl.pathname !== '/admin' || !!a } }))
    const out = await auth(new NextRequest('http://localhost:3000/admin?x=1'), event)
    expect(out.status).toBe(307)
    expect(out.headers.get('location')).toBe(`${ORIGIN}/api/auth/signin?callbackUrl=${encodeURIComponent(`${ORIGIN}/admin?x=1`)}`)
    expect((await auth(new NextRequest(`${ORIGIN}/api/auth/signin`), event)).headers.get('x-middleware-next')).toBe('1')
    const jar = await signInJar(handlers)
    const inside = await auth(new NextRequest(`${ORIGIN}/admin`, { headers: { cookie: jar.header() } }), event)
    expect(inside.headers.get('x-middleware-next')).toBe('1')
  })

  it('auth(fn) middleware and auth(handler) route handler', async () => {
    const { handlers, auth } = NextAuth(testConfig())
    const jar = await signInJar(handlers)
    const mw = auth((req) => NextResponse.json({ user: req.auth?.user?.name ?? null }))
    expect(await (await mw(new NextRequest(`${ORIGIN}/x`, { headers: { cookie: jar.header() } }), event)).json()).toEqual({ user: 'Ada' })
    const GET = auth((req) => Response.json({ user: req.auth?.user?.email ?? null }))
    const ctx = { params: Promise.resolve({}) }
    expect(await (await GET(new NextRequest(`${ORIGIN}/api/me`), ctx)).json()).toEqual({ user: null })
  })

  it('withAuth and getToken', async () => {
    const token = await encode({ token: { sub: '1', name: 'Ada' }, secret: SECRET, salt: 'authjs.session-token' })
    const req = new NextRequest(`${ORIGIN}/dash`, { headers: { cookie: `authjs.session-token=${token}` } })
    expect(await getToken({ req, secret: SECRET })).toMatchObject({ name: 'Ada' })
    const mw = withAuth({ secret: SECRET })
    expect(await mw(req, event as never)).toBeUndefined()
    const out = (await mw(new NextRequest(`${ORIGIN}/dash`), event as never)) as Response
    expect(out.status).toBe(307)
  })
})
