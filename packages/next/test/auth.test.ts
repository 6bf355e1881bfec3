import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { NextRequest, NextResponse } from 'next/server'
import NextAuth from '../src/index.js'
import { encode } from '@latch/core/jwt'
import { ORIGIN, SECRET, nextMock, signInJar, testConfig } from './helpers.js'

beforeEach(() => nextMock.reset())
afterEach(() => vi.unstubAllEnvs())

const event = { waitUntil() {} } // what Next passes to proxy/middleware as the second argument

function nodeRes() {
  const headers: Record<string, unknown> = {}
  return {
    headers,
    getHeader: (n: string) => headers[n.toLowerCase()] as string | string[] | undefined,
    setHeader: (n: string, v: unknown) => void (headers[n.toLowerCase()] = v),
  }
}

describe('NextAuth()', () => {
  it('returns handlers, auth, signIn, signOut, unstable_update; routes live under /api/auth', async () => {
    const result = NextAuth(testConfig())
    expect(Object.keys(result)).toEqual(expect.arrayContaining(['handlers', 'auth', 'signIn', 'signOut', 'unstable_update']))
    const res = await result.handlers.GET(new NextRequest(`${ORIGIN}/api/auth/providers`))
    expect(res.status).toBe(200)
    expect(await res.json()).toHaveProperty('credentials.callbackUrl', `${ORIGIN}/api/auth/callback/credentials`)
    expect((await result.handlers.GET(new NextRequest(`${ORIGIN}/auth/providers`))).status).toBe(404)
  })

  it('reads AUTH_SECRET and AUTH_URL from the environment (NEXTAUTH_* too); a path in AUTH_URL is the basePath', async () => {
    vi.stubEnv('AUTH_SECRET', SECRET)
    vi.stubEnv('AUTH_URL', 'https://public.example/custom/auth')
    const { handlers } = NextAuth({ providers: testConfig().providers })
    const res = await handlers.GET(new NextRequest('http://localhost:3000/custom/auth/providers'))
    expect(res.status).toBe(200)
    expect(JSON.stringify(await res.json())).toContain('https://public.example/custom/auth/signin/credentials')
    vi.unstubAllEnvs()
    vi.stubEnv('NEXTAUTH_SECRET', SECRET)
    vi.stubEnv('NEXTAUTH_URL', 'http://v4.example')
    const v4 = NextAuth({ providers: testConfig().providers })
    const s = await v4.handlers.GET(new NextRequest('http://localhost:3000/api/auth/session'))
    expect(s.status).toBe(200)
  })

  it('`next dev`: NODE_ENV=development needs no AUTH_URL (the host is trusted); without AUTH_SECRET a browser gets the error page', async () => {
    vi.stubEnv('NODE_ENV', 'development')
    vi.stubEnv('AUTH_URL', '')
    vi.stubEnv('NEXTAUTH_URL', '')
    vi.stubEnv('AUTH_TRUST_HOST', '')
    vi.stubEnv('AUTH_SECRET', SECRET)
    const dev = NextAuth({ providers: testConfig().providers })
    const res = await dev.handlers.GET(new NextRequest('http://localhost:3000/api/auth/providers'))
    expect(await res.json()).toHaveProperty('credentials.callbackUrl', 'http://localhost:3000/api/auth/callback/credentials')
    vi.stubEnv('AUTH_SECRET', '')
    vi.stubEnv('NEXTAUTH_SECRET', '')
    const noSecret = NextAuth({ providers: testConfig().providers, logger: { error() {} } })
    const page = await noSecret.handlers.GET(new NextRequest('http://localhost:3000/api/auth/signin', { headers: { accept: 'text/html' } }))
    expect(page.status).toBe(500)
    expect(await page.text()).toContain('AUTH_SECRET')
  })

  it('normalises basePath: doubled and trailing slashes fold, `/` serves at the root', async () => {
    const custom = NextAuth(testConfig({ basePath: ' //custom//auth/ ' }))
    const res = await custom.handlers.GET(new NextRequest(`${ORIGIN}/custom/auth/providers`))
    expect(await res.json()).toHaveProperty('credentials.callbackUrl', `${ORIGIN}/custom/auth/callback/credentials`)
    nextMock.headers = new Headers({ cookie: (await signInJar(custom.handlers, '/custom/auth')).header() })
    expect((await custom.auth())?.user?.email).toBe('ada@example.com')
    const root = NextAuth(testConfig({ basePath: '/' }))
    expect(await (await root.handlers.GET(new NextRequest(`${ORIGIN}/providers`))).json()).toHaveProperty(
      'credentials.callbackUrl',
      `${ORIGIN}/callback/credentials`,
    )
  })

  it('accepts a lazy config, called with the request (undefined in server components)', async () => {
    const seen: Array<string | undefined> = []
    const base = testConfig()
    const { handlers, auth } = NextAuth((req) => {
      seen.push(req?.nextUrl.pathname)
      return base
    })
    await handlers.GET(new NextRequest(`${ORIGIN}/api/auth/session`))
    await auth()
    expect(seen).toEqual(['/api/auth/session', undefined])
  })

  it('is callable as a v4 route handler', async () => {
    const handler = NextAuth(testConfig())
    const res = await handler(new NextRequest(`${ORIGIN}/api/auth/csrf`))
    expect(res.status).toBe(200)
  })
})

describe('auth()', () => {
  it('in a server component: reads headers(); null when signed out', async () => {
    const { handlers, auth } = NextAuth(testConfig())
    expect(await auth()).toBeNull()
    const jar = await signInJar(handlers)
    nextMock.headers = new Headers({ cookie: jar.header() })
    nextMock.readonlyCookies = true // setting cookies throws in a server component: must not break auth()
    const session = await auth()
    expect(session?.user?.email).toBe('ada@example.com')
  })

  it('re-issues the session cookie through cookies() where allowed (server actions, route handlers)', async () => {
    const { auth } = NextAuth(testConfig({ session: { updateAge: 0 } }))
    const token = await encode({ token: { name: 'Ada', email: 'ada@example.com', sub: '1' }, secret: SECRET, salt: 'authjs.session-token' })
    nextMock.headers = new Headers({ cookie: `authjs.session-token=${token}` })
    expect((await auth())?.user?.name).toBe('Ada')
    expect(nextMock.written.get('authjs.session-token')?.value).toBeTruthy()
    expect(nextMock.written.get('authjs.session-token')?.options).toMatchObject({ httpOnly: true, path: '/', sameSite: 'lax' })
  })

  it('fails closed: a broken session callback, a missing secret or a garbage cookie is no session', async () => {
    const ok = NextAuth(testConfig())
    const jar = await signInJar(ok.handlers)
    nextMock.headers = new Headers({ cookie: jar.header() })
    const broken = NextAuth(testConfig({ callbacks: { session: () => { throw new Error('boom') } }, logger: { error() {}, warn() {} } }))
    expect(await broken.auth()).toBeNull()
    const errored = NextAuth(testConfig({ callbacks: { session: () => ({ error: 'RefreshFailed', expires: 'x' }) } }))
    expect(await errored.auth()).toBeNull()
    const noSecret = NextAuth({ ...testConfig(), secret: undefined, logger: { error() {} } })
    expect(await noSecret.auth()).toBeNull()
    nextMock.headers = new Headers({ cookie: 'authjs.session-token=garbage' })
    expect(await ok.auth()).toBeNull()
  })

  it('auth(handler) wraps a route handler: req.auth, context passed through, no authorized check', async () => {
    const authorized = vi.fn(() => false)
    const { handlers, auth } = NextAuth(testConfig({ callbacks: { authorized } }))
    const jar = await signInJar(handlers)
    const GET = auth((req, ctx: { params: Promise<{ id: string }> }) =>
      ctx.params.then((p) => NextResponse.json({ user: req.auth?.user?.email ?? null, id: p.id })),
    )
    const ctx = { params: Promise.resolve({ id: '7' }) }
    const signedIn = await GET(new NextRequest(`${ORIGIN}/api/me`, { headers: { cookie: jar.header() } }), ctx)
    expect(await signedIn.json()).toEqual({ user: 'ada@example.com', id: '7' })
    const signedOut = await GET(new NextRequest(`${ORIGIN}/api/me`), ctx)
    expect(await signedOut.json()).toEqual({ user: null, id: '7' })
    expect(authorized).not.toHaveBeenCalled()
  })

  it('auth(req, res) in a pages API route and auth(ctx) in getServerSideProps', async () => {
    const { handlers, auth } = NextAuth(testConfig({ session: { updateAge: 0 } }))
    const jar = await signInJar(handlers)
    const req = { headers: { cookie: jar.header(), host: 'app.test' }, url: '/api/me' }
    const res = nodeRes()
    res.setHeader('set-cookie', 'other=1')
    expect((await auth(req, res))?.user?.email).toBe('ada@example.com')
    const set = res.headers['set-cookie'] as string[]
    expect(set[0]).toBe('other=1')
    expect(set.some((c) => c.startsWith('authjs.session-token='))).toBe(true)
    expect((await auth({ req, res: nodeRes() }))?.user?.name).toBe('Ada')
    expect(await auth({ req: { headers: {} }, res: nodeRes() })).toBeNull()
  })
})

describe('auth as proxy.ts / middleware.ts', () => {
  const authorized = ({ request, auth }: { request: NextRequest; auth: unknown }) =>
    request.nextUrl.pathname.startsWith('/admin') ? !!auth : true

  it('redirects to the sign-in page with callbackUrl when authorized() refuses', async () => {
    const { auth } = NextAuth(testConfig({ callbacks: { authorized } }))
    const res = await auth(new NextRequest('http://localhost:3000/admin/users?tab=2'), event)
    expect(res.status).toBe(307)
    const to = new URL(res.headers.get('location')!)
    expect(to.origin).toBe(ORIGIN) // AUTH_URL, not the localhost that `next start` shows
    expect(to.pathname).toBe('/api/auth/signin')
    expect(to.searchParams.get('callbackUrl')).toBe(`${ORIGIN}/admin/users?tab=2`)
  })

  it('lets signed-in users and open pages through (NextResponse.next())', async () => {
    const { handlers, auth } = NextAuth(testConfig({ callbacks: { authorized } }))
    const jar = await signInJar(handlers)
    const res = await auth(new NextRequest(`${ORIGIN}/admin`, { headers: { cookie: jar.header() } }), event)
    expect(res.headers.get('x-middleware-next')).toBe('1')
    const open = await auth(new NextRequest(`${ORIGIN}/`), event)
    expect(open.headers.get('x-middleware-next')).toBe('1')
  })

  it('never redirects the sign-in page or the auth routes (no loop)', async () => {
    const deny = vi.fn(() => false)
    const custom = NextAuth(testConfig({ callbacks: { authorized: deny }, pages: { signIn: '/login' } }))
    expect((await custom.auth(new NextRequest(`${ORIGIN}/login?callbackUrl=%2Fadmin`), event)).headers.get('location')).toBeNull()
    expect((await custom.auth(new NextRequest(`${ORIGIN}/api/auth/csrf`), event)).headers.get('location')).toBeNull()
    const toLogin = await custom.auth(new NextRequest(`${ORIGIN}/admin`), event)
    expect(new URL(toLogin.headers.get('location')!).pathname).toBe('/login')
    const builtIn = NextAuth(testConfig({ callbacks: { authorized: deny } }))
    expect((await builtIn.auth(new NextRequest(`${ORIGIN}/api/auth/signin`), event)).status).not.toBe(307)
  })

  it('returns the Response authorized() gives', async () => {
    const { auth } = NextAuth(testConfig({ callbacks: { authorized: () => NextResponse.json({ no: true }, { status: 401 }) } }))
    const res = await auth(new NextRequest(`${ORIGIN}/x`), event)
    expect(res.status).toBe(401)
  })

  it('auth(fn) as middleware: authorized first, then fn with req.auth; session cookies kept', async () => {
    const { handlers, auth } = NextAuth(testConfig({ callbacks: { authorized }, session: { updateAge: 0 } }))
    const jar = await signInJar(handlers)
    const seen: unknown[] = []
    const proxy = auth((req) => {
      seen.push(req.auth?.user?.email ?? null)
      return req.nextUrl.pathname === '/go' ? NextResponse.redirect(`${ORIGIN}/went`) : undefined
    })
    const out = await proxy(new NextRequest(`${ORIGIN}/admin`), event)
    expect(out.status).toBe(307)
    expect(seen).toEqual([]) // refused before the user's function
    const inside = await proxy(new NextRequest(`${ORIGIN}/admin`, { headers: { cookie: jar.header() } }), event)
    expect(inside.headers.get('x-middleware-next')).toBe('1')
    expect(inside.headers.getSetCookie().some((c) => c.startsWith('authjs.session-token='))).toBe(true)
    const go = await proxy(new NextRequest(`${ORIGIN}/go`, { headers: { cookie: jar.header() } }), event)
    expect(go.headers.get('location')).toBe(`${ORIGIN}/went`)
    expect(go.headers.getSetCookie().length).toBeGreaterThan(0)
    expect(seen).toEqual(['ada@example.com', 'ada@example.com'])
  })

  it('without AUTH_URL: trustHost builds URLs from the Host header; untrusted hosts fail closed', async () => {
    const authorizedAdmin = ({ auth: a }: { auth: unknown }) => !!a
    const trusted = NextAuth({ ...testConfig({ callbacks: { authorized: authorizedAdmin } }), url: undefined, trustHost: true })
    const req = new NextRequest('http://localhost:3000/admin', { headers: { host: '127.0.0.1:3000' } })
    const to = new URL((await trusted.auth(req, event)).headers.get('location')!)
    expect(to.origin).toBe('http://127.0.0.1:3000')
    expect(to.searchParams.get('callbackUrl')).toBe('http://127.0.0.1:3000/admin')
    const jar = await signInJar(NextAuth(testConfig()).handlers) // same secret: the cookie is valid anywhere
    const errors: Error[] = []
    const untrusted = NextAuth({ ...testConfig({ callbacks: { authorized: authorizedAdmin } }), url: undefined, trustHost: false, logger: { error: (e) => void errors.push(e) } })
    const res = await untrusted.auth(new NextRequest('http://localhost:3000/admin', { headers: { cookie: jar.header() } }), event)
    expect(res.status).toBe(307) // a valid cookie, but the host cannot be trusted: no session
    expect(errors[0]?.message).toMatch(/Host must be trusted/)
  })

  it('without authorized(), every request passes', async () => {
    const { auth } = NextAuth(testConfig())
    expect((await auth(new NextRequest(`${ORIGIN}/admin`), event)).headers.get('x-middleware-next')).toBe('1')
  })
})
