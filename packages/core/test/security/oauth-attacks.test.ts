import { describe, expect, it } from 'vitest'
import { Auth, customFetch, type AuthConfig } from '../../src/index.js'
import { encode } from '../../src/jwt.js'
import { Browser, SECRET } from '../support/client.js'

/** Named regressions for OAuth callback attacks, against a scripted provider reached through the injected fetch. */
const APP = 'https://app.example.com'
const ISSUER = 'https://idp.example.com'
const CLIENT_SECRET = 'very-secret-client-secret-0123456789'

function scriptedProvider(tokenEndpoint: (req: Request) => Response | Promise<Response>): typeof fetch {
  return async (input, init) => {
    const req = input instanceof Request ? input : new Request(String(input), init)
    const url = new URL(req.url)
    if (url.pathname === '/.well-known/openid-configuration') {
      return Response.json({
        issuer: ISSUER,
        authorization_endpoint: `${ISSUER}/authorize`,
        token_endpoint: `${ISSUER}/token`,
        jwks_uri: `${ISSUER}/jwks`,
        response_types_supported: ['code'],
        authorization_response_iss_parameter_supported: true,
      })
    }
    if (url.pathname === '/jwks') return Response.json({ keys: [] })
    if (url.pathname === '/token') return tokenEndpoint(req)
    return new Response('not found', { status: 404 })
  }
}

function setup(tokenEndpoint: (req: Request) => Response | Promise<Response> = () => new Response('', { status: 500 })) {
  const logs: string[] = []
  const config: AuthConfig = {
    secret: SECRET,
    url: APP,
    debug: true,
    providers: [
      { id: 'idp', name: 'IdP', type: 'oidc', issuer: ISSUER, clientId: 'client-a', clientSecret: CLIENT_SECRET },
      { id: 'idp2', name: 'IdP 2', type: 'oidc', issuer: ISSUER, clientId: 'client-b', clientSecret: CLIENT_SECRET },
    ],
    [customFetch]: scriptedProvider(tokenEndpoint),
    logger: {
      error: (e) => logs.push(`error ${e.name} ${e.message} ${String((e as { cause?: unknown }).cause)}`),
      warn: (c, m) => logs.push(`warn ${c} ${m}`),
      debug: (m, meta) => logs.push(`debug ${m} ${JSON.stringify(meta)}`),
    },
  }
  return { config, logs, browser: new Browser(config, APP) }
}

async function startSignIn(b: Browser, provider = 'idp') {
  const csrfToken = await b.csrf()
  const res = await b.fetch(`/auth/signin/${provider}`, { form: { csrfToken } })
  const location = new URL(res.headers.get('location')!)
  return { res, location, state: location.searchParams.get('state')! }
}

function hasSession(b: Browser) {
  return [...b.jar.keys()].some((k) => k.startsWith('__Secure-authjs.session-token'))
}

/** Start sign-in with `idp`, deliver the callback path built from its state: refused with an error, before any token exchange, without a session. */
async function expectRefusedBeforeExchange(callback: (state: string) => string) {
  let tokenCalls = 0
  const { browser } = setup(() => {
    tokenCalls++
    return Response.json({ access_token: 'x', token_type: 'bearer' })
  })
  const { state } = await startSignIn(browser)
  const res = await browser.fetch(callback(state))
  expect(new URL(res.headers.get('location')!).searchParams.get('error')).toBeTruthy()
  expect(tokenCalls).toBe(0)
  expect(hasSession(browser)).toBe(false)
}

describe('OAuth callback attacks', () => {
  it('signin redirects with state, PKCE S256 and nonce, redirect_uri from AUTH_URL even under X-Forwarded-Host', async () => {
    const { browser } = setup()
    const csrfToken = await browser.csrf()
    const res = await browser.fetch('/auth/signin/idp', { form: { csrfToken }, headers: { 'x-forwarded-host': 'evil.example' } })
    const loc = new URL(res.headers.get('location')!)
    expect(loc.origin).toBe(ISSUER)
    expect(loc.searchParams.get('response_type')).toBe('code')
    expect(loc.searchParams.get('code_challenge_method')).toBe('S256')
    expect(loc.searchParams.get('state')).toBeTruthy()
    expect(loc.searchParams.get('nonce')).toBeTruthy()
    expect(loc.searchParams.get('redirect_uri')).toBe(`${APP}/auth/callback/idp`)
  })

  it('a callback with a code but no state/PKCE/nonce cookies is refused without a session', async () => {
    const { browser } = setup(() => Response.json({ access_token: 'x', token_type: 'bearer' }))
    const res = await browser.fetch(`/auth/callback/idp?code=stolen&state=anything&iss=${encodeURIComponent(ISSUER)}`)
    expect(res.status).toBe(302)
    expect(new URL(res.headers.get('location')!).origin).toBe(APP)
    expect(new URL(res.headers.get('location')!).searchParams.get('error')).toBeTruthy()
    expect(hasSession(browser)).toBe(false)
  })

  it('check cookies minted for one provider do not complete a callback of another', () =>
    expectRefusedBeforeExchange((state) => `/auth/callback/idp2?code=c&state=${state}&iss=${encodeURIComponent(ISSUER)}`))

  it('a tampered state is refused before the code is exchanged', () =>
    expectRefusedBeforeExchange((state) => `/auth/callback/idp?code=c&state=${state}x&iss=${encodeURIComponent(ISSUER)}`))

  it('an iss of another issuer is refused (RFC 9207 mix-up defence)', () =>
    expectRefusedBeforeExchange((state) => `/auth/callback/idp?code=c&state=${state}&iss=${encodeURIComponent('https://evil.example')}`))

  it('a token endpoint failure that echoes the request leaks no secret, code or verifier into any log line', async () => {
    let tokenCalls = 0
    const { browser, logs } = setup(async (req) => {
      tokenCalls++
      const echoed = `auth=${req.headers.get('authorization')} body=${await req.text()}`
      return new Response(JSON.stringify({ error: 'server_error', error_description: echoed }), { status: 500, headers: { 'content-type': 'application/json' } })
    })
    const { state } = await startSignIn(browser)
    const verifierCookie = browser.jar.get('__Secure-authjs.pkce.code_verifier')!
    const res = await browser.fetch(`/auth/callback/idp?code=the-auth-code-123&state=${state}&iss=${encodeURIComponent(ISSUER)}`)
    expect(res.status).toBe(302)
    expect(tokenCalls).toBe(1)
    expect(hasSession(browser)).toBe(false)
    expect(logs.some((l) => l.includes('OAuthCallbackError') && l.includes('token exchange'))).toBe(true)
    const basic = btoa(`client-a:${CLIENT_SECRET}`)
    for (const line of logs) {
      expect(line).not.toContain(CLIENT_SECRET)
      expect(line).not.toContain(basic)
      expect(line).not.toContain('the-auth-code-123')
      expect(line).not.toContain(verifierCookie.slice(0, 40))
    }
  })

  it('a state cookie pasted into the session cookie is no session', async () => {
    const { browser, config } = setup()
    await startSignIn(browser)
    const stateCookie = browser.jar.get('__Secure-authjs.state')!
    const res = await Auth(new Request(`${APP}/auth/session`, { headers: { cookie: `__Secure-authjs.session-token=${stateCookie}` } }), config)
    expect(await res.json()).toBeNull()
    const forged = await encode({ token: { sub: 'x' }, salt: '__Secure-authjs.state', secret: SECRET })
    const res2 = await Auth(new Request(`${APP}/auth/session`, { headers: { cookie: `__Secure-authjs.session-token=${forged}` } }), config)
    expect(await res2.json()).toBeNull()
  })
})

describe('check cookies are single-use', () => {
  it('a failed callback clears the state, PKCE and nonce cookies too', async () => {
    const { browser } = setup()
    const { state } = await startSignIn(browser)
    expect(browser.jar.has('__Secure-authjs.state')).toBe(true)
    const res = await browser.fetch(`/auth/callback/idp?code=c&state=${state}&iss=${encodeURIComponent(ISSUER)}`)
    expect(res.status).toBe(302)
    expect(hasSession(browser)).toBe(false)
    for (const name of ['__Secure-authjs.state', '__Secure-authjs.pkce.code_verifier', '__Secure-authjs.nonce']) {
      expect(browser.jar.has(name), name).toBe(false)
    }
  })
})
