import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest'
import { decodeJwt, decodeProtectedHeader, exportJWK, generateKeyPair, SignJWT } from 'jose'
// @ts-expect-error -- plain ESM workspace package, typed by its index.d.ts
import { startDevOidc } from '../../../dev-oidc/index.mjs'
import { Auth, customFetch, type AuthConfig } from '../../src/index.js'
import OIDC from '../../src/providers/oidc.js'
import { encode } from '../../src/tokens/jwt.js'
import { clearDiscoveryCache } from '../../src/oauth/discovery.js'
import { Browser, SECRET } from '../support/client.js'
import { ProviderAgent, deliver, startSignIn, toCallback } from '../support/oidc-flow.js'

const ORIGIN = 'http://127.0.0.1:3000'
const CLIENT_SECRET = 'dev-client-secret-DO-NOT-LOG-0123456789'
const SESSION = 'authjs.session-token'

type Mode = 'normal' | 'token500' | 'rogueIdToken' | 'userinfoSub'
let mode: Mode = 'normal'
const seenTokens = new Set<string>()
const logs: string[] = []
let dev: { issuer: string; close(): Promise<void> }
let rogueKey: CryptoKey

/** Injected fetch: records tokens (to prove they are never logged) and injects token-endpoint faults. */
const fakeFetch: typeof fetch = async (input, init) => {
  const url = typeof input === 'string' ? input : input instanceof URL ? input.href : input.url
  const isToken = url.startsWith(dev.issuer) && new URL(url).pathname === '/token'
  if (isToken && mode === 'token500') return new Response('upstream exploded', { status: 500 })
  const res = await fetch(input, init)
  if (mode === 'userinfoSub' && url === `${dev.issuer}/me` && res.ok) {
    return Response.json({ ...((await res.json()) as object), sub: 'mallory' }, { headers: { 'content-type': 'application/json' } })
  }
  if (!isToken || !res.ok) return res
  const body = (await res.json()) as Record<string, string>
  for (const k of ['access_token', 'refresh_token', 'id_token']) if (body[k]) seenTokens.add(body[k]!)
  if (mode === 'rogueIdToken' && body.id_token) {
    const { kid } = decodeProtectedHeader(body.id_token)
    body.id_token = await new SignJWT(decodeJwt(body.id_token)).setProtectedHeader({ alg: 'RS256', kid }).sign(rogueKey)
  }
  return new Response(JSON.stringify(body), { status: res.status, headers: res.headers })
}

function stringify(v: unknown): string {
  const seen = new WeakSet()
  const walk = (x: unknown): unknown => {
    if (x instanceof Error) return { ...x, name: x.name, message: x.message, stack: x.stack, cause: walk((x as { cause?: unknown }).cause) }
    if (x && typeof x === 'object') {
      if (seen.has(x)) return '[circular]'
      seen.add(x)
      return Object.fromEntries(Object.entries(x).map(([k, val]) => [k, walk(val)]))
    }
    return x
  }
  return JSON.stringify(walk(v))
}

function config(extra: Partial<AuthConfig> = {}): AuthConfig {
  return {
    secret: SECRET,
    url: ORIGIN,
    debug: true,
    logger: {
      error: (e) => logs.push(stringify(e)),
      warn: (code, message) => logs.push(`${code} ${message ?? ''}`),
      debug: (message, meta) => logs.push(`${message} ${stringify(meta)}`),
    },
    providers: [
      OIDC({ id: 'dev', name: 'Dev', issuer: dev.issuer, clientId: 'latch-basic', clientSecret: CLIENT_SECRET, allowInsecureRequests: true }),
      OIDC({
        id: 'dev-post',
        issuer: dev.issuer,
        clientId: 'latch-post',
        clientSecret: CLIENT_SECRET,
        client: { token_endpoint_auth_method: 'client_secret_post' },
        allowInsecureRequests: true,
      }),
      OIDC({ id: 'dev-public', issuer: dev.issuer, clientId: 'latch-public', client: { token_endpoint_auth_method: 'none' }, allowInsecureRequests: true }),
      OIDC({
        id: 'dev-jwt',
        issuer: dev.issuer,
        clientId: 'latch-jwt',
        client: { token_endpoint_auth_method: 'private_key_jwt' },
        privateKey: { key: clientKeys.privateKey, kid: 'client-key' },
        allowInsecureRequests: true,
      }),
    ],
    [customFetch]: fakeFetch,
    ...extra,
  }
}

let clientKeys: CryptoKeyPair

beforeAll(async () => {
  rogueKey = (await generateKeyPair('RS256')).privateKey
  clientKeys = await generateKeyPair('RS256')
  const jwk = { ...(await exportJWK(clientKeys.publicKey)), kid: 'client-key', use: 'sig', alg: 'RS256' }
  const redirect = (id: string) => [`${ORIGIN}/auth/callback/${id}`]
  dev = await startDevOidc({
    clients: [
      { client_id: 'latch-basic', client_secret: CLIENT_SECRET, redirect_uris: redirect('dev') },
      { client_id: 'latch-post', client_secret: CLIENT_SECRET, redirect_uris: redirect('dev-post'), token_endpoint_auth_method: 'client_secret_post' },
      { client_id: 'latch-public', redirect_uris: redirect('dev-public'), token_endpoint_auth_method: 'none' },
      { client_id: 'latch-jwt', redirect_uris: redirect('dev-jwt'), token_endpoint_auth_method: 'private_key_jwt', jwks: { keys: [jwk] } },
    ],
  })
})

afterAll(async () => {
  if (process.env.LATCH_OAUTH_DEBUG) console.log(logs.filter((l) => !l.startsWith("oauth:")).map((l) => l.slice(0, 300)).join("\n"))
  await dev?.close()
  // Neither the client secret nor any token ever reaches a log line.
  const all = logs.join('\n')
  expect(all).not.toContain(CLIENT_SECRET)
  for (const t of seenTokens) expect(all).not.toContain(t)
})

beforeEach(() => {
  mode = 'normal'
})

function expectRejected(res: Response, b: Browser, error?: string) {
  expect(res.status).toBe(302)
  const loc = new URL(res.headers.get('location')!, ORIGIN)
  expect(loc.pathname).toMatch(/^\/auth\/(signin|error)$/)
  if (error) expect(loc.searchParams.get('error')).toBe(error)
  expect(b.jar.has(SESSION)).toBe(false)
}

describe('OIDC round trip against oidc-provider', () => {
  it('signin → login and consent → callback → session → signout', async () => {
    const b = new Browser(config(), ORIGIN)
    const res = await startSignIn(b, 'dev')
    expect(res.status).toBe(302)
    const authz = new URL(res.headers.get('location')!)
    expect(authz.origin + authz.pathname).toBe(`${dev.issuer}/auth`)
    expect(authz.searchParams.get('response_type')).toBe('code')
    expect(authz.searchParams.get('code_challenge_method')).toBe('S256')
    expect(authz.searchParams.get('code_challenge')).toMatch(/^[\w-]{43}$/)
    expect(authz.searchParams.get('state')).toBeTruthy()
    expect(authz.searchParams.get('nonce')).toBeTruthy()
    expect(authz.searchParams.get('redirect_uri')).toBe(`${ORIGIN}/auth/callback/dev`)
    for (const name of ['authjs.state', 'authjs.pkce.code_verifier', 'authjs.nonce']) {
      const line = res.headers.getSetCookie().find((l) => l.startsWith(`${name}=`))!
      expect(line).toMatch(/Max-Age=900/)
      expect(line).toMatch(/HttpOnly/)
      // sealed: a JWE, not the raw value
      expect(b.jar.get(name)!.split('.')).toHaveLength(5)
    }
    expect(b.jar.get('authjs.state')).not.toContain(authz.searchParams.get('state'))

    const callback = await new ProviderAgent().authorize(authz.href, ORIGIN)
    expect(callback.searchParams.get('iss')).toBe(dev.issuer)
    const done = await deliver(b, callback)
    expect(done.status).toBe(302)
    expect(done.headers.get('location')).toBe(`${ORIGIN}/dashboard`)
    expect(b.jar.has(SESSION)).toBe(true)
    // check cookies are cleared after use
    for (const name of ['authjs.state', 'authjs.pkce.code_verifier', 'authjs.nonce']) expect(b.jar.has(name)).toBe(false)

    const session = await b.session()
    expect(session.user).toMatchObject({ name: 'Ada Lovelace', email: 'ada@example.com', image: 'https://example.com/ada.png' })

    const csrfToken = await b.csrf()
    const out = await b.fetch('/auth/signout', { form: { csrfToken } })
    expect(out.status).toBe(302)
    expect(b.jar.has(SESSION)).toBe(false)
    expect(await b.session()).toBeNull()
  })

  it('token.sub is stable across sign-ins of the same account (no adapter)', async () => {
    const subs: string[] = []
    const cfg = config({ callbacks: { session: ({ session, token }) => ({ ...session, sub: token.sub }) } })
    for (let i = 0; i < 2; i++) {
      const b = new Browser(cfg, ORIGIN)
      await deliver(b, await toCallback(b, 'dev'))
      subs.push((await b.session()).sub)
    }
    expect(subs[0]).toMatch(/^[0-9a-f-]{36}$/)
    expect(subs[0]).toBe(subs[1])
  })

  it('runs signIn / jwt callbacks with account, profile and trigger, and events.signIn', async () => {
    const seen: Record<string, unknown> = {}
    const cfg = config({
      callbacks: {
        signIn: ({ account, profile }) => {
          seen.signIn = { provider: account?.provider, sub: profile?.sub }
          return true
        },
        jwt: ({ token, account, profile, trigger }) => {
          if (trigger) seen.jwt = { trigger, type: account?.type, id: account?.providerAccountId, email: profile?.email, hasAccess: !!account?.access_token }
          return token
        },
      },
      events: { signIn: ({ account }) => void (seen.event = account?.provider) },
    })
    const b = new Browser(cfg, ORIGIN)
    await deliver(b, await toCallback(b, 'dev'))
    expect(seen.signIn).toEqual({ provider: 'dev', sub: 'ada' })
    expect(seen.jwt).toEqual({ trigger: 'signIn', type: 'oidc', id: 'ada', email: 'ada@example.com', hasAccess: true })
    expect(seen.event).toBe('dev')
  })

  it('callbacks.signIn false → AccessDenied; a URL string → redirect there, no session', async () => {
    const denied = new Browser(config({ callbacks: { signIn: () => false } }), ORIGIN)
    const r1 = await deliver(denied, await toCallback(denied, 'dev'))
    expectRejected(r1, denied, 'AccessDenied')
    const elsewhere = new Browser(config({ callbacks: { signIn: () => '/not-allowed' } }), ORIGIN)
    const r2 = await deliver(elsewhere, await toCallback(elsewhere, 'dev'))
    expect(r2.headers.get('location')).toBe(`${ORIGIN}/not-allowed`)
    expect(elsewhere.jar.has(SESSION)).toBe(false)
  })

  it.each(['dev-post', 'dev-public', 'dev-jwt'])('client authentication: %s', async (id) => {
    const b = new Browser(config(), ORIGIN)
    const res = await deliver(b, await toCallback(b, id))
    expect(res.headers.get('location')).toBe(`${ORIGIN}/dashboard`)
    expect((await b.session()).user.email).toBe('ada@example.com')
  })

  it('authorization params from the provider config and the sign-in query', async () => {
    const cfg = config()
    cfg.providers = [
      OIDC({
        id: 'dev',
        issuer: dev.issuer,
        clientId: 'latch-basic',
        clientSecret: CLIENT_SECRET,
        allowInsecureRequests: true,
        authorization: { params: { scope: 'openid email', prompt: 'login', response_type: 'token' } },
      }),
    ]
    const b = new Browser(cfg, ORIGIN)
    const res = await startSignIn(b, 'dev', '/', '?ui_locales=en&redirect_uri=http://evil.test/')
    const authz = new URL(res.headers.get('location')!)
    expect(authz.searchParams.get('scope')).toBe('openid email')
    expect(authz.searchParams.get('prompt')).toBe('login')
    expect(authz.searchParams.get('ui_locales')).toBe('en')
    expect(authz.searchParams.get('response_type')).toBe('code')
    expect(authz.searchParams.get('redirect_uri')).toBe(`${ORIGIN}/auth/callback/dev`)
  })
})

describe('rejected callbacks: no session cookie, no 500', () => {
  /** Sign in with `dev` up to the callback, let `tamper` alter the callback URL, the cookies or the fault mode, then deliver it. */
  async function rejectedAfter(tamper: (cb: URL, b: Browser) => unknown, error: string) {
    const b = new Browser(config(), ORIGIN)
    const cb = await toCallback(b, 'dev')
    await tamper(cb, b)
    expectRejected(await deliver(b, cb), b, error)
  }

  it('tampered state', () => rejectedAfter((cb) => cb.searchParams.set('state', 'tampered'), 'InvalidCheck'))

  it('missing state', () => rejectedAfter((cb) => cb.searchParams.delete('state'), 'InvalidCheck'))

  it('missing state cookie', () => rejectedAfter((_, b) => b.jar.delete('authjs.state'), 'InvalidCheck'))

  it('missing PKCE cookie', () => rejectedAfter((_, b) => b.jar.delete('authjs.pkce.code_verifier'), 'InvalidCheck'))

  it('check cookie minted for another provider', () =>
    rejectedAfter(async (cb, b) => {
      const forged = await encode({ token: { value: cb.searchParams.get('state')!, provider: 'dev-post' }, salt: 'authjs.state', secret: SECRET, maxAge: 900 })
      b.jar.set('authjs.state', forged)
    }, 'InvalidCheck'))

  it('check cookies of one provider replayed on another provider callback', async () => {
    const b = new Browser(config(), ORIGIN)
    const cb = await toCallback(b, 'dev-post')
    const other = new URL(cb.href.replace('/callback/dev-post', '/callback/dev'))
    expectRejected(await deliver(b, other), b, 'InvalidCheck')
  })

  it('replayed code', async () => {
    const b = new Browser(config(), ORIGIN)
    const cb = await toCallback(b, 'dev')
    const cookies = new Map(b.jar)
    expect((await deliver(b, cb)).headers.get('location')).toBe(`${ORIGIN}/dashboard`)
    const attacker = new Browser(config(), ORIGIN)
    attacker.jar = cookies
    expectRejected(await deliver(attacker, cb), attacker, 'OAuthCallbackError')
  })

  it('iss of another issuer', () => rejectedAfter((cb) => cb.searchParams.set('iss', 'http://127.0.0.1:1'), 'InvalidCheck'))

  it('missing iss when the issuer advertises RFC 9207', () => rejectedAfter((cb) => cb.searchParams.delete('iss'), 'InvalidCheck'))

  it('id_token signed by a key not in the JWKS', () => rejectedAfter(() => { mode = 'rogueIdToken' }, 'OAuthCallbackError'))

  it('userinfo sub different from the id_token sub', () => rejectedAfter(() => { mode = 'userinfoSub' }, 'OAuthCallbackError'))

  it('wrong nonce', async () => {
    const b = new Browser(config(), ORIGIN)
    await startSignIn(b, 'dev')
    const otherNonce = b.jar.get('authjs.nonce')!
    const cb = await toCallback(b, 'dev')
    b.jar.set('authjs.nonce', otherNonce)
    expectRejected(await deliver(b, cb), b, 'OAuthCallbackError')
  })

  it('provider error ?error=access_denied', async () => {
    const b = new Browser(config(), ORIGIN)
    const cb = await toCallback(b, 'dev')
    const err = new URL(`${ORIGIN}/auth/callback/dev`)
    err.searchParams.set('error', 'access_denied')
    err.searchParams.set('state', cb.searchParams.get('state')!)
    err.searchParams.set('iss', dev.issuer)
    expectRejected(await deliver(b, err), b, 'AccessDenied')
  })

  it('token endpoint 500', () => rejectedAfter(() => { mode = 'token500' }, 'OAuthCallbackError'))

  it('discovery failure at sign-in is an OAuthSignin error, not a 500', async () => {
    clearDiscoveryCache()
    const cfg = config()
    cfg.providers = [OIDC({ id: 'dev', issuer: 'http://127.0.0.1:1', clientId: 'x', clientSecret: 'y', allowInsecureRequests: true })]
    const b = new Browser(cfg, ORIGIN)
    const res = await startSignIn(b, 'dev')
    expect(res.status).toBe(302)
    expect(new URL(res.headers.get('location')!, ORIGIN).searchParams.get('error')).toBe('OAuthSignin')
  })
})

describe('transport rules', () => {
  it('plain http to a non-loopback issuer is refused even with allowInsecureRequests', async () => {
    const cfg = config()
    cfg.providers = [OIDC({ id: 'dev', issuer: 'http://idp.example.com', clientId: 'x', clientSecret: 'y', allowInsecureRequests: true })]
    const res = await Auth(new Request(`${ORIGIN}/auth/signin/dev`, { method: 'POST' }), { ...cfg, skipCSRFCheck: (await import('../../src/symbols.js')).skipCSRFCheck })
    expect(res.status).not.toBe(200)
    expect(logs.some((l) => l.includes('only http://127.0.0.1 or http://localhost'))).toBe(true)
  })
})
