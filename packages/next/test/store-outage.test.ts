// The proxy/middleware guard while the session store is down: 503 + Retry-After (browsers: the error page), never the
// sign-in page that would tell a signed-in user they are signed out (as Express requireAuth and Hono verifyAuth do).
import { beforeEach, describe, expect, it } from 'vitest'
import { NextRequest } from 'next/server'
import { MemoryAdapter } from '@latch/core/adapters/memory'
import NextAuth from '../src/index.js'
import { ORIGIN, nextMock, signInJar, testConfig } from './helpers.js'

beforeEach(() => nextMock.reset())
const event = { waitUntil() {} }
const state = { down: false }
const inner = MemoryAdapter()
const refused = () => Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:1'), { code: 'ECONNREFUSED' })
const adapter = { ...inner, getSessionAndUser: (token: string) => (state.down ? Promise.reject(refused()) : inner.getSessionAndUser!(token)) }
const authorized = ({ request, auth }: { request: NextRequest; auth: unknown }) => (request.nextUrl.pathname.startsWith('/admin') ? !!auth : true)

describe('auth as proxy.ts / middleware.ts while the session store is down', () => {
  it('answers 503 + Retry-After to API clients, sends browsers to the error page; passes again once the store is back', async () => {
    await inner.createUser!({ id: '1', email: 'ada@example.com', emailVerified: null, name: 'Ada' })
    const { handlers, auth } = NextAuth(
      testConfig({ adapter, session: { strategy: 'database' }, callbacks: { authorized }, logger: { error: () => {}, warn: () => {}, debug: () => {} } }),
    )
    const jar = await signInJar(handlers)
    const cookie = jar.header()
    expect((await auth(new NextRequest(`${ORIGIN}/admin`, { headers: { cookie } }), event)).headers.get('x-middleware-next')).toBe('1')
    state.down = true
    try {
      const api = await auth(new NextRequest(`${ORIGIN}/admin/api`, { headers: { cookie, accept: 'application/json' } }), event)
      expect(api.status).toBe(503)
      expect(api.headers.get('retry-after')).toBe('5')
      expect(await api.json()).toMatchObject({ error: 'StoreUnavailable' })
      const page = await auth(new NextRequest(`${ORIGIN}/admin`, { headers: { cookie, accept: 'text/html' } }), event)
      expect(page.status).toBe(302)
      expect(page.headers.get('retry-after')).toBe('5')
      expect(new URL(page.headers.get('location')!).pathname).toBe('/api/auth/error')
      expect(new URL(page.headers.get('location')!).searchParams.get('error')).toBe('StoreUnavailable')
      // Open pages still pass.
      expect((await auth(new NextRequest(`${ORIGIN}/`, { headers: { cookie } }), event)).headers.get('x-middleware-next')).toBe('1')
    } finally {
      state.down = false
    }
    expect((await auth(new NextRequest(`${ORIGIN}/admin`, { headers: { cookie } }), event)).headers.get('x-middleware-next')).toBe('1')
  })
})
