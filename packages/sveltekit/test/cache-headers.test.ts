// The hook's cache hardening in-process (structural event, no Kit build): what loads did decides the headers.
import { describe, expect, it } from 'vitest'
import Credentials from '@latch/core/providers/credentials'
import { CookieJar } from '@latch/core/testing'
import { SvelteKitAuth, type LatchLocals, type SvelteKitAuthOptions } from '../src/index.js'

const ORIGIN = 'http://app.test'
const base = {
  secret: 'sveltekit-cache-secret-0123456789abcdef0123456789',
  url: ORIGIN,
  providers: [Credentials({ credentials: {}, authorize: (c) => (c.password === 'pw' ? { id: 'u1', name: 'Una' } : null) })],
}

function event(path: string, jar: CookieJar, init: RequestInit = {}) {
  const headers = new Headers(init.headers)
  if (jar.cookies.size) headers.set('cookie', jar.header())
  return {
    request: new Request(ORIGIN + path, { ...init, headers }),
    url: new URL(ORIGIN + path),
    cookies: { get: () => undefined, set: () => {} },
    locals: {} as LatchLocals,
    getClientAddress: () => '127.0.0.1',
  }
}

function setup(options?: SvelteKitAuthOptions) {
  const { handle } = SvelteKitAuth(base, options)
  /** A page whose load reads the session (and maybe a CSRF token), answered with the app's own headers. */
  const page = (path: string, jar: CookieJar, load: (l: LatchLocals) => Promise<unknown>, headers: HeadersInit = {}) => {
    const e = event(path, jar)
    return handle({ event: e, resolve: async () => (await load(e.locals), new Response('page', { headers })) })
  }
  async function signedIn(): Promise<CookieJar> {
    const jar = new CookieJar()
    const csrf = await handle({ event: event('/auth/csrf', jar), resolve: () => new Response('') })
    jar.apply(csrf)
    const { csrfToken } = (await csrf.json()) as { csrfToken: string }
    const body = new URLSearchParams({ csrfToken, password: 'pw' })
    const post = event('/auth/callback/credentials', jar, { method: 'POST', body, headers: { 'content-type': 'application/x-www-form-urlencoded' } })
    jar.apply(await handle({ event: post, resolve: () => new Response('') }))
    expect(jar.has('session-token')).toBe(true)
    return jar
  }
  return { page, signedIn }
}

describe('@latch/sveltekit cache headers', () => {
  it('a page rendered with a session is private with Vary: Cookie; the app’s private header is kept', async () => {
    const { page, signedIn } = setup()
    const jar = await signedIn()
    const res = await page('/me', jar, (l) => l.auth(), { 'cache-control': 'public, max-age=60' })
    expect(res.headers.get('cache-control')).toBe('private, no-store')
    expect(res.headers.get('vary')).toBe('Cookie')
    const own = await page('/me', jar, (l) => l.auth(), { 'cache-control': 'private, max-age=5', vary: 'Accept' })
    expect(own.headers.get('cache-control')).toBe('private, max-age=5')
    expect(own.headers.get('vary')).toBe('Accept, Cookie')
  })

  it('a page with a minted CSRF token is private, no-store even when signed out', async () => {
    const { page } = setup()
    const res = await page('/signin', new CookieJar(), (l) => l.csrfToken(), { 'cache-control': 'public, max-age=60' })
    expect(res.headers.get('cache-control')).toBe('private, no-store')
    expect(res.headers.get('vary')).toBe('Cookie')
  })

  it('a page that never asked for the session is left alone', async () => {
    const { page, signedIn } = setup()
    const res = await page('/about', await signedIn(), async () => {}, { 'cache-control': 'public, max-age=60' })
    expect(res.headers.get('cache-control')).toBe('public, max-age=60')
  })

  it('allowSharedCache opts a session-only page out, but not a CSRF token', async () => {
    const { page, signedIn } = setup({ allowSharedCache: (e) => e.url.pathname === '/docs' })
    const jar = await signedIn()
    const res = await page('/docs', jar, (l) => l.auth(), { 'cache-control': 'public, max-age=60' })
    expect(res.headers.get('cache-control')).toBe('public, max-age=60')
    expect(res.headers.get('vary')).toBeNull()
    const withToken = await page('/docs', jar, (l) => Promise.all([l.auth(), l.csrfToken()]), { 'cache-control': 'public, max-age=60' })
    expect(withToken.headers.get('cache-control')).toBe('private, no-store')
  })
})
