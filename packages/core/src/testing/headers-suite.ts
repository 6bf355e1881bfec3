/**
 * The response-header suite every framework package runs against its example app, over HTTP: no response
 * that carries a Latch cookie, a minted CSRF token or a session's content may be stored by a shared cache,
 * and every response Latch writes says `X-Content-Type-Options: nosniff` (rules: core src/http/harden.ts).
 *
 *   defineHeadersSuite({ name: 'hono', start, secret, protectedPage: '/protected', protectedApi: '/api/me',
 *     credentials: { username: 'alice', password: 'wonderland' } })
 *
 * `secret` is the app's AUTH_SECRET: the suite re-encrypts a signed-in user's token as issued two days ago
 * (past the default `updateAge` of a day) to see the app re-issue it on a gated response.
 */
import { describe, expect, it } from 'vitest'
import { decode, encode } from '../tokens/jwt.js'
import { CookieJar, setCookies } from './cookie-jar.js'
import { liveApp } from './live-app.js'
import { authorizeAtProvider } from './oidc.js'
import type { IntegrationSuiteOptions } from './suite-types.js'

export interface HeadersSuiteOptions extends IntegrationSuiteOptions {
  /** The app's AUTH_SECRET (JWT sessions). */
  secret: string
  /** A page of the app that renders a CSRF token Latch mints for it (SvelteKit's `locals.csrfToken()`). */
  csrfPage?: string
  /**
   * Gated paths whose `Vary` the framework rewrites after Latch has set it (Next app-router pages get Next's
   * RSC list). There a `no-store` response without `Vary: Cookie` is accepted: a response no cache may store
   * needs no Vary. Everywhere else `Vary: Cookie` is required.
   */
  frameworkVary?: string[]
}

const DAY = 24 * 60 * 60

function cacheDirectives(res: Response): string[] {
  return (res.headers.get('cache-control') ?? '').split(',').map((d) => d.trim().toLowerCase().split('=')[0]!)
}

function varies(res: Response): string[] {
  return (res.headers.get('vary') ?? '').split(',').map((v) => v.trim().toLowerCase())
}

/** Not storable by a shared cache, and varies on the cookie (unless never stored and the framework owns Vary). */
function expectPersonal(res: Response, what: string, cookie: boolean, frameworkVary = false) {
  const d = cacheDirectives(res)
  const line = `${what}: Cache-Control "${res.headers.get('cache-control')}"`
  if (cookie) expect(d, line).toContain('no-store')
  else expect(d.includes('no-store') || d.includes('private'), line).toBe(true)
  expect(d, line).not.toContain('public')
  expect(d, line).not.toContain('s-maxage')
  if (frameworkVary && d.includes('no-store')) return
  expect(varies(res), `${what}: Vary "${res.headers.get('vary')}"`).toContain('cookie')
}

/** A response Latch wrote itself: nosniff; and no-store + Vary: Cookie when it carries a cookie. */
function expectLatchResponse(res: Response, what: string) {
  expect(res.headers.get('x-content-type-options'), `${what}: nosniff`).toBe('nosniff')
  if (setCookies(res).length) expectPersonal(res, what, true)
}

export function defineHeadersSuite(options: HeadersSuiteOptions): void {
  const app = liveApp(options)
  const { basePath, providerId, send, csrfToken, url } = app
  const signIn = (jar: CookieJar) => app.signIn(jar, { callbackUrl: options.protectedPage })

  /** A signed-in jar whose session token was issued two days ago: the next session check re-issues it. */
  async function agedSession(): Promise<CookieJar> {
    const jar = new CookieJar()
    await (await signIn(jar)).text()
    const name = [...jar.cookies.keys()].find((k) => k.endsWith('session-token'))
    expect(name, 'a session cookie after signing in').toBeTruthy()
    const token = await decode({ token: jar.cookies.get(name!)!, salt: name!, secret: options.secret })
    expect(token, 'the session token decrypts with the suite secret').toBeTruthy()
    const { iat: _iat, exp: _exp, jti: _jti, ...claims } = token!
    jar.cookies.set(name!, await encode({ token: claims, salt: name!, secret: options.secret, now: Math.floor(Date.now() / 1000) - 2 * DAY }))
    return jar
  }

  const ownVary = (path: string) => options.frameworkVary?.includes(path) ?? false
  const gated = () => [
    { path: options.protectedApi, accept: 'application/json' },
    { path: options.protectedPage, accept: 'text/html' },
  ]

  describe(`${options.name}: response headers`, () => {
    app.hooks()

    it('auth JSON and HTML routes, 404, 405 and JSON errors: nosniff and no-store', async () => {
      const jar = new CookieJar()
      const token = await csrfToken(jar)
      const cases: Array<[string, RequestInit & { jar?: CookieJar; form?: Record<string, string> }]> = [
        [`${basePath}/session`, {}],
        [`${basePath}/csrf`, {}],
        [`${basePath}/providers`, {}],
        [`${basePath}/signin`, {}],
        [`${basePath}/signout`, {}],
        [`${basePath}/error?error=AccessDenied`, {}],
        [`${basePath}/verify-request`, {}],
        [`${basePath}/no-such-action`, {}],
        [`${basePath}/csrf`, { method: 'POST', jar, form: { csrfToken: token } }],
        [`${basePath}/session`, { method: 'POST', jar, form: { csrfToken: 'forged' } }],
      ]
      for (const [path, init] of cases) {
        const res = await send(path, init)
        const what = `${init.method ?? 'GET'} ${path} (${res.status})`
        await res.text()
        expect(res.headers.get('content-type') ?? '', what).toMatch(/application\/json|text\/html/)
        expectLatchResponse(res, what)
        expect(cacheDirectives(res), what).toContain('no-store')
      }
    })

    it('the session route signed in: nosniff, no-store', async () => {
      const jar = await agedSession()
      const res = await send(`${basePath}/session`, { jar })
      expect(res.status).toBe(200)
      expect(((await res.json()) as { user?: unknown }).user).toBeTruthy()
      expectLatchResponse(res, 'GET session, re-issued')
      expect(cacheDirectives(res)).toContain('no-store')
    })

    it('sign-in callback, failed sign-in and sign-out redirects carrying cookies: no-store, Vary: Cookie, nosniff', async () => {
      const jar = new CookieJar()
      const ok = await signIn(jar)
      expect([302, 303]).toContain(ok.status)
      expect(setCookies(ok).some((c) => c.includes('session-token'))).toBe(true)
      expectLatchResponse(ok, 'sign-in callback')

      const bad = new CookieJar()
      const form = { csrfToken: await csrfToken(bad), ...options.credentials, password: `${options.credentials.password}-wrong` }
      const refused = await send(`${basePath}/callback/${providerId}`, { method: 'POST', jar: bad, form })
      expect(refused.status).toBeLessThan(500)
      expectLatchResponse(refused, 'failed sign-in')

      const out = await send(`${basePath}/signout`, { method: 'POST', jar, form: { csrfToken: await csrfToken(jar) } })
      expect([302, 303]).toContain(out.status)
      expect(setCookies(out).length).toBeGreaterThan(0)
      expectLatchResponse(out, 'sign-out')
      expect(jar.has('session-token')).toBe(false)
    })

    if (options.oidc) it('the OpenID callback redirect: no-store, Vary: Cookie, nosniff', async () => {
      const jar = new CookieJar()
      const form = { csrfToken: await csrfToken(jar), callbackUrl: options.protectedPage }
      const start = await send(`${basePath}/signin/${options.oidc!.providerId}`, { method: 'POST', jar, form })
      expectLatchResponse(start, 'sign-in redirect to the provider')
      const callback = await authorizeAtProvider(start.headers.get('location') ?? '', new URL(url('/')).origin, options.oidc!.login)
      const res = await send(callback.pathname + callback.search, { jar })
      expect([302, 303]).toContain(res.status)
      expect(setCookies(res).some((c) => c.includes('session-token'))).toBe(true)
      expectLatchResponse(res, 'OpenID callback')
    })

    it('gated routes with a session due for re-issue: the cookie goes out, never storable by a shared cache', async () => {
      for (const { path, accept } of gated()) {
        const jar = await agedSession()
        const res = await send(path, { jar, headers: { accept } })
        await res.text()
        expect(res.status, path).toBe(200)
        expect(setCookies(res).some((c) => c.includes('session-token')), `${path} re-issues the session cookie`).toBe(true)
        expectPersonal(res, `${path} (re-issued)`, true, ownVary(path))
      }
    })

    it('gated routes with a fresh session: private, Vary: Cookie', async () => {
      const jar = new CookieJar()
      await (await signIn(jar)).text()
      for (const { path, accept } of gated()) {
        const res = await send(path, { jar, headers: { accept } })
        await res.text()
        expect(res.status, path).toBe(200)
        expectPersonal(res, path, setCookies(res).length > 0, ownVary(path))
      }
    })

    it('gated routes signed out and with a garbage session cookie: a cleared cookie is never storable', async () => {
      for (const { path, accept } of gated()) {
        const out = await send(path, { headers: { accept } })
        await out.text()
        expect(out.status, path).toBeGreaterThanOrEqual(300)
        if (setCookies(out).length) expectPersonal(out, `${path} (signed out)`, true, ownVary(path))

        const jar = new CookieJar()
        jar.cookies.set('authjs.session-token', 'garbage.not-a-token')
        const stale = await send(path, { jar, headers: { accept } })
        await stale.text()
        expect(stale.status, path).toBeGreaterThanOrEqual(300)
        expect(setCookies(stale).some((c) => c.startsWith('authjs.session-token=;')), `${path} clears the bad cookie`).toBe(true)
        expectPersonal(stale, `${path} (garbage cookie)`, true, ownVary(path))
      }
    })

    if (options.csrfPage) it('a page that renders a minted CSRF token: private, no-store, with or without a new cookie', async () => {
      const jar = new CookieJar()
      for (const round of ['first visit', 'cookie held']) {
        const res = await send(options.csrfPage!, { jar, headers: { accept: 'text/html' } })
        const html = await res.text()
        expect(res.status).toBe(200)
        expect(html).toMatch(/name="csrfToken" value="[^"]+"/)
        expectPersonal(res, `${options.csrfPage} (${round})`, true)
        expect(cacheDirectives(res)).toContain('private')
      }
      expect(jar.has('csrf-token')).toBe(true)
    })
  })
}
