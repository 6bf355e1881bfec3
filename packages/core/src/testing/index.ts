/**
 * The integration suite every framework package runs: real HTTP against a running server.
 * Edge-safe (no `node:` imports); needs vitest, an optional peer dependency of @latch/core.
 *
 *   defineIntegrationSuite({ name: 'hono', start: startServer, protectedPage: '/protected',
 *     protectedApi: '/api/me', credentials: { username: 'alice', password: 'wonderland' } })
 */
import { describe, expect, it } from 'vitest'
import { CookieJar, parseSetCookie, setCookies } from './cookie-jar.js'
import { liveApp } from './live-app.js'
import type { IntegrationSuiteOptions } from './suite-types.js'
import { authorizeAtProvider } from './oidc.js'
import { defineRedirectSuite } from './redirect-suite.js'

export { CookieJar, parseSetCookie, setCookies, type ParsedSetCookie } from './cookie-jar.js'
export { authorizeAtProvider } from './oidc.js'
export { confirmationForm } from './magic-link.js'
export { defineHeadersSuite, type HeadersSuiteOptions } from './headers-suite.js'
export { liveApp, type LiveApp, type LiveAppOptions } from './live-app.js'
export { defineAccountSuite, type AccountSuiteOptions } from './account-suite.js'
export * from './redirect-suite.js'
export { definePasskeySuite, type PasskeySuiteOptions } from './passkey-suite.js'
export { SoftAuthenticator, type SoftAuthenticatorOptions, type SoftCredential } from './soft-authenticator.js'
export { definePasswordSuite, capturePasswordMail, type PasswordSuiteOptions, type PasswordSuiteMail } from './password-suite.js'
export { defineStoreMatrixSuites, type StoreMatrixApp, type StoreMatrixOptions } from './store-matrix.js'
export { defineTwoFactorSuite, totpCode, twoFactorTestConfig, type TwoFactorSuiteOptions } from './two-factor-suite.js'

export type { IntegrationServer, IntegrationSuiteOptions } from './suite-types.js'

const EVIL = 'evil.example'

export function defineIntegrationSuite(options: IntegrationSuiteOptions): void {
  const app = liveApp(options)
  const { basePath, providerId, send, csrfToken, signIn, url } = app

  async function session(jar: CookieJar): Promise<any> {
    const res = await send(`${basePath}/session`, { jar })
    expect(res.status).toBe(200)
    expect(res.headers.get('content-type') ?? '').toContain('application/json')
    return res.json()
  }

  async function expectSignedOut(jar: CookieJar) {
    const s = await session(jar)
    expect(s === null || (typeof s === 'object' && !s.user)).toBe(true)
    const api = await send(options.protectedApi, { jar, headers: { accept: 'application/json' } })
    expect(api.status).toBe(401)
    expect(api.headers.get('content-type') ?? '').toContain('application/json')
    await api.text()
  }

  function expectSeparate(lines: string[], expected: string[]) {
    expect(lines.length).toBeGreaterThanOrEqual(expected.length)
    const names = lines.map((line) => parseSetCookie(line)?.name ?? '')
    expect(new Set(names).size).toBe(lines.length)
    for (const part of expected) expect(names.some((n) => n.includes(part)), `${part} in ${names.join(', ')}`).toBe(true)
    for (const line of lines) expect(line.toLowerCase()).toContain('path=/')
  }

  describe(`${options.name}: integration`, () => {
    app.hooks()

    it('serves a CSRF token with its cookie', async () => {
      const jar = new CookieJar()
      await csrfToken(jar)
      expect(jar.has('csrf-token')).toBe(true)
    })

    it('when signed out: null session, 401 JSON from the API, the page redirects to sign-in', async () => {
      const jar = new CookieJar()
      await expectSignedOut(jar)
      const page = await send(options.protectedPage, { jar, headers: { accept: 'text/html' } })
      expect([301, 302, 303, 307, 308]).toContain(page.status)
      const location = page.headers.get('location') ?? ''
      expect(location).toContain('signin')
      expect(new URL(location, url('/')).origin).toBe(new URL(url('/')).origin)
      await page.text()
    })

    it('signs in with credentials, then the session, page and API see the user', async () => {
      const jar = new CookieJar()
      const res = await signIn(jar, { callbackUrl: options.protectedPage })
      expect([302, 303]).toContain(res.status)
      const location = res.headers.get('location') ?? ''
      expect(location).not.toContain('error')
      expect(new URL(location, url('/')).pathname).toBe(options.protectedPage)
      expect(jar.has('session-token')).toBe(true)
      const cookie = setCookies(res).find((line) => line.includes('session-token'))!.toLowerCase()
      expect(cookie).toContain('httponly')
      expect(cookie).toContain('samesite=lax')

      const s = await session(jar)
      expect(s?.user).toBeTruthy()
      expect(typeof s.expires).toBe('string')

      const api = await send(options.protectedApi, { jar, headers: { accept: 'application/json' } })
      expect(api.status).toBe(200)
      expect(api.headers.get('content-type') ?? '').toContain('application/json')
      expect(await api.json()).toBeTruthy()

      const page = await send(options.protectedPage, { jar, headers: { accept: 'text/html' } })
      expect(page.status).toBe(200)
      expect(page.headers.get('content-type') ?? '').toContain('text/html')
      await page.text()
    })

    // Registered only when the app offers an OpenID provider (no always-skipped test elsewhere).
    if (options.oidc) it('signs in through the OpenID provider', async () => {
      const { providerId, login } = options.oidc!
      const jar = new CookieJar()
      const token = await csrfToken(jar)
      const start = await send(`${basePath}/signin/${providerId}`, { method: 'POST', jar, form: { csrfToken: token, callbackUrl: options.protectedPage } })
      expect(start.status).toBe(302)
      await start.text()
      const authorization = start.headers.get('location') ?? ''
      expect(new URL(authorization).origin).not.toBe(new URL(url('/')).origin)
      const callback = await authorizeAtProvider(authorization, new URL(url('/')).origin, login)
      expect(callback.pathname).toBe(`${basePath}/callback/${providerId}`)
      const res = await send(callback.pathname + callback.search, { jar })
      expect([302, 303]).toContain(res.status)
      await res.text()
      expect(new URL(res.headers.get('location') ?? '', url('/')).pathname).toBe(options.protectedPage)
      const s = await session(jar)
      expect(s?.user).toBeTruthy()
      const api = await send(options.protectedApi, { jar, headers: { accept: 'application/json' } })
      expect(api.status).toBe(200)
      await api.text()
    })

    it('returns {url} JSON instead of a redirect for X-Auth-Return-Redirect', async () => {
      const jar = new CookieJar()
      const res = await signIn(jar, { callbackUrl: options.protectedPage }, { 'x-auth-return-redirect': '1' })
      expect(res.status).toBe(200)
      const json = (await res.json()) as { url?: string }
      expect(new URL(json.url ?? '', url('/')).pathname).toBe(options.protectedPage)
      expect(jar.has('session-token')).toBe(true)
    })

    // next-auth v4's client posts `json=true`, v5's sends X-Auth-Return-Redirect: every redirect becomes { url }.
    it('answers fetch clients with { url } JSON: v4 json=true sign-in and sign-out, v5 header on an OAuth start', async () => {
      const jar = new CookieJar()
      const asJson = async (res: Response) => (expect(res.status).toBe(200), (await res.json()) as { url?: string })
      const signedIn = await asJson(await signIn(jar, { callbackUrl: options.protectedPage, json: 'true' }))
      expect(new URL(signedIn.url ?? '').pathname).toBe(options.protectedPage)
      expect(jar.has('session-token')).toBe(true)
      const refused = await asJson(await signIn(new CookieJar(), { password: 'wrong', json: 'true' }))
      expect(new URL(refused.url ?? '').searchParams.get('error')).toBe('CredentialsSignin')
      const form = { csrfToken: await csrfToken(jar), callbackUrl: options.protectedPage, json: 'true' }
      expect((await asJson(await send(`${basePath}/signout`, { method: 'POST', jar, form }))).url).toBe(url(options.protectedPage))
      expect(jar.has('session-token')).toBe(false)
      if (!options.oidc) return
      const start = await send(`${basePath}/signin/${options.oidc.providerId}`, {
        method: 'POST',
        jar,
        headers: { 'x-auth-return-redirect': '1' },
        form: { csrfToken: await csrfToken(jar), callbackUrl: options.protectedPage },
      })
      const authorization = new URL((await asJson(start)).url ?? '')
      expect(authorization.origin).not.toBe(new URL(url('/')).origin)
      expect(authorization.searchParams.get('state')).toBeTruthy()
      expect(jar.has('state')).toBe(true)
    })

    it('refuses wrong credentials without a session', async () => {
      const jar = new CookieJar()
      const res = await signIn(jar, { password: `${options.credentials.password}-wrong` })
      expect(res.status).toBeLessThan(500)
      await res.text()
      expect(jar.has('session-token')).toBe(false)
      await expectSignedOut(jar)
    })

    it('rejects a POST without a valid CSRF token (no session cookie)', async () => {
      for (const csrf of [undefined, 'forged-token']) {
        const jar = new CookieJar()
        await csrfToken(jar)
        const form: Record<string, string> = { ...options.credentials }
        if (csrf) form.csrfToken = csrf
        const res = await send(`${basePath}/callback/${providerId}`, { method: 'POST', jar, form })
        expect(res.status).toBeGreaterThanOrEqual(300)
        expect(res.status).toBeLessThan(500)
        await res.text()
        expect(jar.has('session-token')).toBe(false)
        await expectSignedOut(jar)
      }
    })

    it('keeps several Set-Cookie headers separate', async () => {
      const jar = new CookieJar()
      // The sign-in page sets the CSRF and callback-url cookies; the callback then sets the session
      // and clears the callback-url cookie: two responses with two Set-Cookie headers each.
      const pageRes = await send(`${basePath}/signin?callbackUrl=${encodeURIComponent(options.protectedPage)}`, { jar })
      expect(pageRes.status).toBeLessThan(400)
      await pageRes.text()
      expectSeparate(setCookies(pageRes), ['csrf-token', 'callback-url'])
      const res = await signIn(jar)
      expect(new URL(res.headers.get('location') ?? '/', url('/')).pathname).toBe(options.protectedPage)
      await res.text()
      expectSeparate(setCookies(res), ['session-token', 'callback-url'])
      expect(jar.has('session-token')).toBe(true)
      expect(jar.has('callback-url')).toBe(false)
    })

    it('signs out', async () => {
      const jar = new CookieJar()
      await signIn(jar).then((r) => r.text())
      expect(jar.has('session-token')).toBe(true)
      const token = await csrfToken(jar)
      const res = await send(`${basePath}/signout`, { method: 'POST', jar, form: { csrfToken: token } })
      expect([302, 303]).toContain(res.status)
      await res.text()
      expect(jar.has('session-token')).toBe(false)
      await expectSignedOut(jar)
    })

    it(`${options.trustsForwardedHeaders ? 'honours' : 'ignores'} X-Forwarded-Host`, async () => {
      const forwarded = { 'x-forwarded-host': EVIL, 'x-forwarded-proto': 'https' }
      const jar = new CookieJar()
      // Behind a trusted proxy the browser is on https://evil.example and sends that Origin.
      const origin: Record<string, string> = options.trustsForwardedHeaders ? { origin: `https://${EVIL}` } : {}
      const res = await signIn(jar, { callbackUrl: options.protectedPage }, { ...forwarded, ...origin })
      expect(res.status).toBeLessThan(500)
      const location = res.headers.get('location') ?? ''
      await res.text()
      const providers = await send(`${basePath}/providers`, { headers: forwarded })
      expect(providers.status).toBe(200)
      const body = await providers.text()
      if (options.trustsForwardedHeaders) {
        expect(new URL(location).host).toBe(EVIL)
        expect(body).toContain(EVIL)
      } else {
        expect(location).not.toContain(EVIL)
        expect(body).not.toContain(EVIL)
        expect(jar.has('session-token')).toBe(true)
      }
    })

    it('answers malformed requests with 4xx or a redirect, never 5xx', async () => {
      const jar = new CookieJar()
      const token = await csrfToken(jar)
      const bad: Array<[string, RequestInit & { jar?: CookieJar }]> = [
        [`${basePath}/callback/${providerId}`, { method: 'POST', jar, headers: { 'content-type': 'application/json' }, body: '{"csrfToken":' }],
        [`${basePath}/callback/${providerId}`, { method: 'POST', jar, headers: { 'content-type': 'application/json' }, body: JSON.stringify({ csrfToken: token, username: ['a'], password: { x: 1 } }) }],
        [`${basePath}/signin/no-such-provider`, { method: 'POST', jar, headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: `csrfToken=${token}` }],
        [`${basePath}/no-such-action`, {}],
        [`${basePath}/session`, { method: 'DELETE' }],
        [`${basePath}/callback/${providerId}`, { method: 'POST', jar, headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: 'x'.repeat(200_000) }],
      ]
      for (const [path, init] of bad) {
        const res = await send(path, init)
        expect(res.status, `${init.method ?? 'GET'} ${path}`).toBeGreaterThanOrEqual(300)
        expect(res.status, `${init.method ?? 'GET'} ${path}`).toBeLessThan(500)
        await res.text()
      }
      expect(jar.has('session-token')).toBe(false)
    })

    defineRedirectSuite({ ...options, basePath, baseUrl: () => url('/') })
  })
}
