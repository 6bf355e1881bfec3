import { describe, expect, it, vi } from 'vitest'
import type { AuthConfig } from '../../src/index.js'
import OIDC from '../../src/providers/oidc.js'
import { Browser, appSecret } from '../support/client.js'
import { CLIENT_ID, CLIENT_SECRET, useRogueOidc } from '../support/rogue-oidc.js'

/**
 * Every call to a provider has a deadline and a size cap (httpOptions): a provider that stalls,
 * trickles or floods is cut off and the user gets the error page (OAuthProviderUnavailable), never a
 * 500 or a hang. Against a real misbehaving provider on 127.0.0.1, with a short timeout.
 */
const ORIGIN = 'http://127.0.0.1:3000'
const SESSION = 'authjs.session-token'
const r = useRogueOidc()

function app(options: { config?: AuthConfig['httpOptions']; provider?: AuthConfig['httpOptions']; custom?: boolean } = {}) {
  const config: AuthConfig = {
    secret: appSecret(),
    url: ORIGIN,
    httpOptions: options.config ?? { timeout: 400 },
    logger: r.logger,
    providers: [
      OIDC({
        id: 'rogue',
        issuer: r.idp.issuer,
        clientId: CLIENT_ID,
        clientSecret: CLIENT_SECRET,
        allowInsecureRequests: true,
        refresh: true,
        ...(options.provider ? { httpOptions: options.provider } : {}),
        // A custom userinfo request gets the same limited fetch.
        ...(options.custom ? { userinfo: { request: async ({ fetch }) => (await fetch(`${r.idp.issuer}/userinfo`)).json() } } : {}),
      }),
    ],
    callbacks: { session: ({ session, token }) => ({ ...session, error: token.error, accessToken: token.access_token }) },
  }
  return new Browser(config, ORIGIN)
}

function errorOf(res: Response): string | null {
  const location = res.headers.get('location')
  return location ? new URL(location).searchParams.get('error') : null
}

async function expectErrorPage(b: Browser, res: Response) {
  expect(res.status).toBe(302)
  expect(new URL(res.headers.get('location')!).pathname).toBe('/auth/error')
  expect(errorOf(res)).toBe('OAuthProviderUnavailable')
  expect(b.jar.has(SESSION)).toBe(false)
}


describe('provider calls are bounded (timeout and size cap)', () => {
  it('a token endpoint answering 30 MB is cut off at the size cap: error page, no session', async () => {
    const b = app({ config: { timeout: 5000 } })
    r.idp.modes.token = 'huge'
    const cb = await r.idp.signIn(b, 'rogue')
    await expectErrorPage(b, cb)
    expect(r.errors.join('\n')).toMatch(/answered more than 1048576 bytes/)
    await vi.waitFor(() => expect(r.idp.cut.token).toBe(1))
    expect(r.idp.hugeBytesSent).toBeLessThan(30 * 1024 * 1024)
  })

  it('maxResponseSize is configurable (a provider setting wins over the config)', async () => {
    const b = app({ config: { timeout: 5000, maxResponseSize: 10 * 1024 * 1024 }, provider: { maxResponseSize: 200 } })
    const cb = await r.idp.signIn(b, 'rogue')
    // The discovery document alone is larger than 200 bytes.
    expect(errorOf(cb) ?? errorOf(await b.fetch('/auth/session'))).toBe('OAuthProviderUnavailable')
  })

  it('a token endpoint that never sends headers is cut by the timeout while it still stalls', async () => {
    const b = app({ config: { timeout: 300 } })
    r.idp.modes.token = 'stall'
    await expectErrorPage(b, await r.idp.signIn(b, 'rogue'))
    expect(r.errors.join('\n')).toMatch(/did not answer within 300 ms/)
    await vi.waitFor(() => expect(r.idp.cut.token).toBe(1))
  })

  it('a token endpoint whose body trickles forever is cut by the timeout', async () => {
    const b = app({ provider: { timeout: 300 }, config: { timeout: 60_000 } })
    r.idp.modes.token = 'trickle'
    await expectErrorPage(b, await r.idp.signIn(b, 'rogue'))
    await vi.waitFor(() => expect(r.idp.cut.token).toBe(1))
  })

  it('a stalling discovery document: sign-in goes to the error page', async () => {
    const b = app()
    r.idp.modes.discovery = 'trickle'
    const res = await r.idp.signIn(b, 'rogue')
    expect(errorOf(res)).toBe('OAuthProviderUnavailable')
    await vi.waitFor(() => expect(r.idp.cut.discovery).toBe(1))
  })

  it('a stalling JWKS endpoint: the callback goes to the error page', async () => {
    const b = app()
    r.idp.modes.jwks = 'stall'
    await expectErrorPage(b, await r.idp.signIn(b, 'rogue'))
    await vi.waitFor(() => expect(r.idp.cut.jwks).toBe(1))
  })

  it("a custom userinfo request() gets the limited fetch: a stalling profile API is cut off", async () => {
    const b = app({ custom: true })
    r.idp.modes.userinfo = 'stall'
    await expectErrorPage(b, await r.idp.signIn(b, 'rogue'))
    await vi.waitFor(() => expect(r.idp.cut.userinfo).toBe(1))
  })

  it('a stalling refresh fails the refresh (RefreshAccessTokenError), the session stays', async () => {
    const b = app()
    const cb = await r.idp.signIn(b, 'rogue')
    expect(cb.headers.get('location')).toBe(`${ORIGIN}/dashboard`)
    const before = b.jar.get(SESSION)
    // Expire the access token: the next session read refreshes against a stalling token endpoint.
    vi.useFakeTimers({ toFake: ['Date'] })
    try {
      vi.setSystemTime(Date.now() + 120_000)
      r.idp.modes.token = 'stall'
      const session = await b.session()
      expect(session.error).toBe('RefreshAccessTokenError')
      expect(session.user.email).toBe('ada@example.com')
    } finally {
      vi.useRealTimers()
    }
    expect(before).toBeTruthy()
    await vi.waitFor(() => expect(r.idp.cut.token).toBe(1))
  })

  it('the error page for OAuthProviderUnavailable answers 503 with a readable message', async () => {
    const b = app()
    const res = await b.fetch('/auth/error?error=OAuthProviderUnavailable')
    expect(res.status).toBe(503)
    expect(await res.text()).toContain('did not answer in time')
  })
})
