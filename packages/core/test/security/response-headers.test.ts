// Issue 18: no response Latch sets a cookie on (or serves because of a session) may be stored by a shared
// cache, and every response Latch writes carries nosniff. The rules live in src/http/harden.ts.
import { describe, expect, it } from 'vitest'
import { Auth, hardenHeaders, hardenResponse, type AuthConfig, type HardenFacts } from '../../src/index.js'
import Credentials from '../../src/providers/credentials.js'
import { Browser, appSecret } from '../support/client.js'

const config = (): AuthConfig => ({
  secret: appSecret(),
  url: 'http://app.test',
  providers: [Credentials({ credentials: { username: {}, password: {} }, authorize: async (c) => (c.password === 'pw' ? { id: '1', name: 'A' } : null) })],
})

function directives(res: Response): string[] {
  return (res.headers.get('cache-control') ?? '').split(',').map((d) => d.trim().toLowerCase())
}

function harden(init: Record<string, string>, facts: HardenFacts): Headers {
  const headers = new Headers(init)
  hardenHeaders(headers, facts)
  return headers
}

describe('hardenHeaders rules', () => {
  it('a Latch cookie forces no-store and Vary: Cookie, replacing a looser Cache-Control', () => {
    const h = harden({ 'Cache-Control': 'public, max-age=600', Vary: 'Accept-Encoding' }, { cookies: true })
    expect(h.get('cache-control')).toBe('private, no-store')
    expect(h.get('vary')).toBe('Accept-Encoding, Cookie')
    // even a page the app declared public: a stored Set-Cookie would hand one session to everyone
    expect(harden({ 'Cache-Control': 'private, max-age=60' }, { cookies: true, allowSharedCache: true }).get('cache-control')).toBe('private, no-store')
  })

  it('a session alone makes the response private, keeping the app’s own private/no-store', () => {
    expect(harden({}, { session: true }).get('cache-control')).toBe('private, no-store')
    expect(harden({ 'Cache-Control': 's-maxage=60' }, { session: true }).get('cache-control')).toBe('private, no-store')
    expect(harden({ 'Cache-Control': 'private, max-age=60' }, { session: true }).get('cache-control')).toBe('private, max-age=60')
    expect(harden({ 'Cache-Control': 'no-store, must-revalidate' }, { session: true }).get('cache-control')).toBe('no-store, must-revalidate')
    // a qualified private (private="set-cookie") lets a shared cache store the rest
    expect(harden({ 'Cache-Control': 'private="Set-Cookie", max-age=60' }, { session: true }).get('cache-control')).toBe('private, no-store')
  })

  it('merges Vary without duplicates and leaves Vary: * alone', () => {
    expect(harden({ Vary: 'accept, COOKIE' }, { session: true }).get('vary')).toBe('accept, COOKIE')
    expect(harden({ Vary: '*' }, { cookies: true }).get('vary')).toBe('*')
    expect(harden({}, { csrfToken: true }).get('vary')).toBe('Cookie')
  })

  it('allowSharedCache opts a session-only response out; nothing else is touched', () => {
    const h = harden({ 'Cache-Control': 'public, max-age=60' }, { session: true, allowSharedCache: true })
    expect(h.get('cache-control')).toBe('public, max-age=60')
    expect(h.get('vary')).toBeNull()
    expect(harden({ 'Cache-Control': 'public, max-age=60' }, {}).get('cache-control')).toBe('public, max-age=60')
    expect(harden({}, {}).get('x-content-type-options')).toBeNull()
    expect(harden({}, { produced: true }).get('x-content-type-options')).toBe('nosniff')
  })

  it('hardenResponse copies a Response whose headers are immutable', () => {
    const res = hardenResponse(Response.redirect('http://app.test/x', 302), { cookies: true, produced: true })
    expect(res.status).toBe(302)
    expect(res.headers.get('location')).toBe('http://app.test/x')
    expect(res.headers.get('cache-control')).toBe('private, no-store')
  })
})

describe('every core response is hardened', () => {
  it('JSON and HTML routes, 404, 405 and JSON errors carry nosniff and no-store', async () => {
    const c = config()
    const cases: Array<[string, RequestInit?]> = [
      ['/auth/session'],
      ['/auth/csrf'],
      ['/auth/providers'],
      ['/auth/signin'],
      ['/auth/signout'],
      ['/auth/error?error=AccessDenied'],
      ['/auth/verify-request'],
      ['/auth/nope'],
      ['/elsewhere'],
      ['/auth/csrf', { method: 'POST' }],
      ['/auth/session', { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{"csrfToken":' }],
      ['/auth/session', { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{}' }],
    ]
    for (const [path, init] of cases) {
      const res = await Auth(new Request(`http://app.test${path}`, init), c)
      const what = `${init?.method ?? 'GET'} ${path} (${res.status})`
      expect(res.headers.get('content-type') ?? '', what).toMatch(/application\/json|text\/html/)
      expect(res.headers.get('x-content-type-options'), what).toBe('nosniff')
      expect(directives(res), what).toContain('no-store')
    }
  })

  it('redirects that set or clear cookies are no-store and vary on Cookie', async () => {
    const browser = new Browser(config())
    const csrfToken = await browser.csrf()
    const signin = await browser.fetch('/auth/callback/credentials', { form: { csrfToken, username: 'a', password: 'pw' } })
    expect(signin.status).toBe(302)
    expect(signin.headers.getSetCookie().some((c) => c.includes('session-token'))).toBe(true)
    expect(directives(signin)).toContain('no-store')
    expect(signin.headers.get('vary')).toBe('Cookie')
    expect(signin.headers.get('x-content-type-options')).toBe('nosniff')

    const signout = await browser.fetch('/auth/signout', { form: { csrfToken } })
    expect(signout.status).toBe(302)
    expect(signout.headers.getSetCookie().some((c) => c.includes('session-token=;'))).toBe(true)
    expect(directives(signout)).toContain('no-store')

    const failed = await browser.fetch('/auth/callback/credentials', { form: { csrfToken: 'forged', username: 'a', password: 'pw' } })
    expect(failed.status).toBe(302)
    expect(failed.headers.get('x-content-type-options')).toBe('nosniff')
  })
})
