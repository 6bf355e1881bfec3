import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { NextRequest, NextResponse, type NextFetchEvent } from 'next/server'
import { encode } from '@latch/core/jwt'
import NextAuth, { getServerSession, unstable_getServerSession } from '../src/index.js'
import { getToken } from '../src/jwt.js'
import withAuthDefault, { withAuth } from '../src/middleware.js'
import { ORIGIN, SECRET, nextMock, signInJar, testConfig } from './helpers.js'

beforeEach(() => nextMock.reset())
afterEach(() => vi.unstubAllEnvs())

const event = { waitUntil() {} } as unknown as NextFetchEvent

async function tokenCookie(claims: Record<string, unknown> = { name: 'Ada', email: 'ada@example.com', sub: '1' }) {
  return `authjs.session-token=${await encode({ token: claims, secret: SECRET, salt: 'authjs.session-token' })}`
}

describe('getServerSession / unstable_getServerSession', () => {
  it('(req, res, authOptions) in API routes and getServerSideProps', async () => {
    const authOptions = testConfig()
    const jar = await signInJar(NextAuth(authOptions).handlers)
    const res = { getHeader: () => undefined, setHeader: () => undefined }
    const session = await getServerSession({ headers: { cookie: jar.header() } }, res, authOptions)
    expect(session?.user?.email).toBe('ada@example.com')
    expect(await unstable_getServerSession({ headers: {} }, res, authOptions)).toBeNull()
  })

  it('(authOptions) in server components', async () => {
    const authOptions = testConfig()
    nextMock.headers = new Headers({ cookie: await tokenCookie() })
    expect((await getServerSession(authOptions))?.user?.name).toBe('Ada')
    await expect(getServerSession(undefined as never)).rejects.toThrow(/auth options/)
  })
})

describe('v4 pages handler: export default NextAuth(authOptions)', () => {
  it('serves the routes from (req, res) with a body Next already parsed', async () => {
    const handler = NextAuth(testConfig())
    const out = { statusCode: 0, headers: {} as Record<string, unknown>, body: '' }
    const res = {
      get statusCode() {
        return out.statusCode
      },
      set statusCode(v: number) {
        out.statusCode = v
      },
      setHeader: (k: string, v: unknown) => void (out.headers[k.toLowerCase()] = v),
      end: (b?: string) => void (out.body = b ?? ''),
    }
    await handler({ method: 'GET', url: '/api/auth/csrf', headers: { host: 'app.test' } }, res)
    expect(out.statusCode).toBe(200)
    const { csrfToken } = JSON.parse(out.body) as { csrfToken: string }
    const cookie = String((out.headers['set-cookie'] as string[])[0]).split(';')[0]!
    await handler(
      { method: 'POST', url: '/api/auth/callback/credentials', headers: { host: 'app.test', cookie }, body: { csrfToken, username: 'ada', password: 'pw' } },
      res,
    )
    expect(out.statusCode).toBe(302)
    expect((out.headers['set-cookie'] as string[]).some((c) => c.startsWith('authjs.session-token='))).toBe(true)
  })
})

describe('getToken from @latch/next/jwt', () => {
  it('reads the session cookie with AUTH_SECRET from the environment', async () => {
    vi.stubEnv('AUTH_SECRET', SECRET)
    const req = new NextRequest(`${ORIGIN}/api/x`, { headers: { cookie: await tokenCookie() } })
    expect(await getToken({ req })).toMatchObject({ email: 'ada@example.com', sub: '1' })
    expect(typeof (await getToken({ req, raw: true }))).toBe('string')
    expect(await getToken({ req: new NextRequest(`${ORIGIN}/api/x`) })).toBeNull()
    expect(await getToken({ req, secret: 'another-secret-0123456789abcdef0123' })).toBeNull()
  })

  it('works with pages-router requests (plain header records) and NEXTAUTH_SECRET', async () => {
    vi.stubEnv('NEXTAUTH_SECRET', SECRET)
    const req = { headers: { cookie: await tokenCookie() } }
    expect(await getToken({ req })).toMatchObject({ name: 'Ada' })
  })

  it('reads the __Secure- cookie when AUTH_URL is https', async () => {
    vi.stubEnv('AUTH_URL', 'https://public.example')
    const token = await encode({ token: { sub: 's' }, secret: SECRET, salt: '__Secure-authjs.session-token' })
    const req = new NextRequest('http://localhost:3000/x', { headers: { cookie: `__Secure-authjs.session-token=${token}` } })
    expect(await getToken({ req, secret: SECRET })).toMatchObject({ sub: 's' })
  })

  it('throws without any secret', async () => {
    vi.stubEnv('AUTH_SECRET', '')
    vi.stubEnv('NEXTAUTH_SECRET', '')
    await expect(getToken({ req: new NextRequest(`${ORIGIN}/`) })).rejects.toThrow(/secret/)
  })
})

describe('withAuth (v4 middleware)', () => {
  it('as the default export: redirects to /api/auth/signin with a relative callbackUrl when signed out', async () => {
    vi.stubEnv('AUTH_SECRET', SECRET)
    const res = (await withAuthDefault(new NextRequest(`${ORIGIN}/dashboard?x=1`), event)) as Response
    expect(res.status).toBe(307)
    const to = new URL(res.headers.get('location')!)
    expect(to.pathname).toBe('/api/auth/signin')
    expect(to.searchParams.get('callbackUrl')).toBe('/dashboard?x=1')
    const ok = await withAuth(new NextRequest(`${ORIGIN}/dashboard`, { headers: { cookie: await tokenCookie() } }), event)
    expect(ok).toBeUndefined()
  })

  it('never guards the auth routes or its own pages', async () => {
    vi.stubEnv('AUTH_SECRET', SECRET)
    const mw = withAuth({ pages: { signIn: '/login', error: '/oops' } })
    for (const path of ['/login', '/oops', '/api/auth/signin', '/api/auth/callback/credentials', '/_next/static/x.js']) {
      expect(await mw(new NextRequest(`${ORIGIN}${path}`), event), path).toBeUndefined()
    }
    const res = (await mw(new NextRequest(`${ORIGIN}/admin`), event)) as Response
    expect(new URL(res.headers.get('location')!).pathname).toBe('/login')
  })

  it('AUTH_URL: its origin for redirects, its path (trailing slashes stripped) as the auth routes; else the request and /api/auth', async () => {
    vi.stubEnv('AUTH_SECRET', SECRET)
    vi.stubEnv('AUTH_URL', 'https://app.example/custom/auth/')
    for (const path of ['/custom/auth', '/custom/auth/session', '/custom/auth/signin']) {
      expect(await withAuth(new NextRequest(`${ORIGIN}${path}`), event), path).toBeUndefined()
    }
    for (const path of ['/api/auth/session', '/custom/authx']) {
      const res = (await withAuth(new NextRequest(`${ORIGIN}${path}`), event)) as Response
      expect(res.headers.get('location'), path).toBe(`https://app.example/custom/auth/signin?callbackUrl=${encodeURIComponent(path)}`)
    }
    vi.stubEnv('AUTH_URL', 'https://app.example/')
    const root = (await withAuth(new NextRequest(`${ORIGIN}/a`), event)) as Response
    expect(root.headers.get('location')).toBe('https://app.example/api/auth/signin?callbackUrl=%2Fa')
    vi.stubEnv('AUTH_URL', 'not a url')
    const bad = (await withAuth(new NextRequest(`${ORIGIN}/a`), event)) as Response
    expect(bad.headers.get('location')).toBe(`${ORIGIN}/api/auth/signin?callbackUrl=%2Fa`)
    vi.stubEnv('AUTH_URL', 'https://app.example/custom/auth')
    vi.stubEnv('AUTH_SECRET', '')
    vi.stubEnv('NEXTAUTH_SECRET', '')
    const spy = vi.spyOn(console, 'error').mockImplementation(() => {})
    const none = (await withAuth(new NextRequest(`${ORIGIN}/a`), event)) as Response
    expect(none.headers.get('location')).toBe('https://app.example/custom/auth/error?error=Configuration')
    spy.mockRestore()
  })

  it('accepts a token encrypted with a rotated-out secret in AUTH_SECRET_1..3, as getToken does', async () => {
    vi.stubEnv('AUTH_SECRET', 'the-new-secret-0123456789abcdef0123456789')
    vi.stubEnv('AUTH_SECRET_2', SECRET)
    const cookie = await tokenCookie()
    expect(await getToken({ req: new NextRequest(`${ORIGIN}/dashboard`, { headers: { cookie } }) })).toMatchObject({ sub: '1' })
    expect(await withAuth(new NextRequest(`${ORIGIN}/dashboard`, { headers: { cookie } }), event)).toBeUndefined()
  })

  it('callbacks.authorized with the token, req.nextauth.token in the function, secret option', async () => {
    const seen: unknown[] = []
    const mw = withAuth(
      (req) => {
        seen.push(req.nextauth.token?.role)
        return NextResponse.rewrite(new URL('/admin-inner', req.url))
      },
      { secret: SECRET, callbacks: { authorized: ({ token }) => token?.role === 'admin' } },
    )
    const user = await mw(new NextRequest(`${ORIGIN}/admin`, { headers: { cookie: await tokenCookie({ sub: '1', role: 'user' }) } }), event)
    expect((user as Response).status).toBe(307)
    const admin = await mw(new NextRequest(`${ORIGIN}/admin`, { headers: { cookie: await tokenCookie({ sub: '2', role: 'admin' }) } }), event)
    expect((admin as Response).headers.get('x-middleware-rewrite')).toContain('/admin-inner')
    expect(seen).toEqual(['admin'])
  })

  it('a throwing authorized callback fails closed; jwt.decode is used; no secret redirects to the error page', async () => {
    const thrower = withAuth({ secret: SECRET, callbacks: { authorized: () => { throw new Error('x') } } })
    const spy = vi.spyOn(console, 'error').mockImplementation(() => {})
    expect(((await thrower(new NextRequest(`${ORIGIN}/a`, { headers: { cookie: await tokenCookie() } }), event)) as Response).status).toBe(307)
    const custom = withAuth({ secret: SECRET, jwt: { decode: ({ token }) => (token === 'magic' ? { sub: 'm' } : null) } })
    expect(await custom(new NextRequest(`${ORIGIN}/a`, { headers: { cookie: 'authjs.session-token=magic' } }), event)).toBeUndefined()
    vi.stubEnv('AUTH_SECRET', '')
    vi.stubEnv('NEXTAUTH_SECRET', '')
    const none = (await withAuth()(new NextRequest(`${ORIGIN}/a`), event)) as Response
    expect(none.headers.get('location')).toBe(`${ORIGIN}/api/auth/error?error=Configuration`)
    spy.mockRestore()
  })
})
