import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest'
import * as oauth from 'oauth4webapi'
// @ts-expect-error -- plain ESM workspace package, typed by its index.d.ts
import { startDevOidc } from '../../../dev-oidc/index.mjs'
import { customFetch, type AuthConfig } from '../../src/index.js'
import OIDC from '../../src/providers/oidc.js'
import { clearRefreshFlights } from '../../src/oauth/refresh.js'
import { Browser, SECRET } from '../support/client.js'
import { ProviderAgent, deliver, deliverFormPost, startSignIn, toCallback } from '../support/oidc-flow.js'

const ORIGIN = 'http://127.0.0.1:3000'
const CLIENT_SECRET = 'features-client-secret-0123456789abcdef'
let dev: { issuer: string; close(): Promise<void> }
let offset = 0
let failRefresh = false
let refreshCalls = 0
const errors: string[] = []

const countingFetch: typeof fetch = async (input, init) => {
  const url = typeof input === 'string' ? input : input instanceof URL ? input.href : input.url
  if (url === `${dev.issuer}/token` && String(init?.body ?? '').includes('grant_type=refresh_token')) {
    refreshCalls++
    if (failRefresh) return new Response(JSON.stringify({ error: 'invalid_grant' }), { status: 400, headers: { 'content-type': 'application/json' } })
    // widen the race window so concurrent session reads really overlap
    await new Promise((r) => setTimeout(r, 50))
  }
  return fetch(input, init)
}

let dpopKeys: CryptoKeyPair
const seen: { tokenType?: string; profileUser?: unknown } = {}

function config(): AuthConfig {
  const common = { issuer: dev.issuer, clientId: 'features', clientSecret: CLIENT_SECRET, allowInsecureRequests: true }
  return {
    secret: SECRET,
    url: ORIGIN,
    clock: () => Math.floor(Date.now() / 1000) + offset,
    logger: { error: (e) => errors.push(`${(e as { code?: string }).code}: ${e.message}`), warn: () => {}, debug: () => {} },
    providers: [
      OIDC({ id: 'dev', ...common, refresh: true }),
      OIDC({ id: 'dev-par', ...common, par: true }),
      OIDC({ id: 'dev-dpop', ...common, dpop: dpopKeys, refresh: true }),
      OIDC({ id: 'dev-form', ...common, authorization: { params: { response_mode: 'form_post' } } }),
    ],
    callbacks: {
      jwt: ({ token, account, profile }) => {
        if (account) seen.tokenType = account.token_type
        if (profile) seen.profileUser = profile.user
        return token
      },
      session: ({ session, token }) => ({ ...session, error: token.error, accessToken: token.access_token }),
    },
    [customFetch]: countingFetch,
  }
}

beforeAll(async () => {
  dpopKeys = await oauth.generateKeyPair('ES256')
  dev = await startDevOidc({
    accessTokenTtl: 60,
    clients: [
      {
        client_id: 'features',
        client_secret: CLIENT_SECRET,
        redirect_uris: ['dev', 'dev-par', 'dev-dpop', 'dev-form'].map((id) => `${ORIGIN}/auth/callback/${id}`),
      },
    ],
  })
})
afterAll(() => dev?.close())
beforeEach(() => {
  offset = 0
  failRefresh = false
  refreshCalls = 0
  clearRefreshFlights()
})

describe('refresh-token rotation', () => {
  it('refreshes an expired access token once for concurrent requests, then again later', async () => {
    const b = new Browser(config(), ORIGIN)
    await deliver(b, await toCallback(b, 'dev'))
    const first = await b.session()
    expect(first.error).toBeUndefined()
    expect(first.accessToken).toBeTruthy()

    offset = 120 // past the 60 s access token lifetime
    const [s1, s2, s3] = await Promise.all([b.session(), b.session(), b.session()])
    expect(refreshCalls).toBe(1)
    expect(s1.accessToken).not.toBe(first.accessToken)
    expect(s2.accessToken).toBe(s1.accessToken)
    expect(s3.accessToken).toBe(s1.accessToken)
    expect(s1.error).toBeUndefined()

    // The rotated refresh token (now in the cookie) works for the next expiry.
    offset = 240
    const again = await b.session()
    expect(refreshCalls).toBe(2)
    expect(again.error).toBeUndefined()
    expect(again.accessToken).not.toBe(s1.accessToken)
  })

  it('a failed refresh leaves RefreshAccessTokenError on the session', async () => {
    const b = new Browser(config(), ORIGIN)
    await deliver(b, await toCallback(b, 'dev'))
    offset = 120
    failRefresh = true
    const s = await b.session()
    expect(s.error).toBe('RefreshAccessTokenError')
    expect(errors.some((e) => e.startsWith('RefreshAccessTokenError'))).toBe(true)
  })

  it('does nothing while the access token is fresh', async () => {
    const b = new Browser(config(), ORIGIN)
    await deliver(b, await toCallback(b, 'dev'))
    await b.session()
    await b.session()
    expect(refreshCalls).toBe(0)
  })
})

describe('PAR, DPoP, form_post', () => {
  it('PAR: the authorization redirect carries only client_id and request_uri', async () => {
    const b = new Browser(config(), ORIGIN)
    const res = await startSignIn(b, 'dev-par')
    const authz = new URL(res.headers.get('location')!)
    expect([...authz.searchParams.keys()].sort()).toEqual(['client_id', 'request_uri'])
    expect(authz.searchParams.get('request_uri')).toMatch(/^urn:ietf:params:oauth:request_uri:/)
    const cb = await new ProviderAgent().authorize(authz.href, ORIGIN)
    const done = await deliver(b, cb)
    expect(done.headers.get('location')).toBe(`${ORIGIN}/dashboard`)
    expect((await b.session()).user.email).toBe('ada@example.com')
  })

  it('DPoP: tokens are DPoP-bound and userinfo is called with a proof; refresh keeps the binding', async () => {
    const b = new Browser(config(), ORIGIN)
    const res = await startSignIn(b, 'dev-dpop')
    expect(new URL(res.headers.get('location')!).searchParams.get('dpop_jkt')).toBeTruthy()
    await deliver(b, await new ProviderAgent().authorize(res.headers.get('location')!, ORIGIN))
    expect(seen.tokenType).toBe('dpop')
    expect((await b.session()).user.email).toBe('ada@example.com')
    offset = 120
    const s = await b.session()
    expect(refreshCalls).toBe(1)
    expect(s.error).toBeUndefined()
  })

  it('form_post callback (POST) with an Apple-style `user` parameter', async () => {
    const b = new Browser(config(), ORIGIN)
    const cb = await toCallback(b, 'dev-form')
    expect(cb.hash).toBe('#form_post')
    const user = JSON.stringify({ name: { firstName: 'Ada', lastName: 'Lovelace' }, email: 'ada@example.com' })
    const done = await deliverFormPost(b, cb, { user })
    expect(done.headers.get('location')).toBe(`${ORIGIN}/dashboard`)
    expect(seen.profileUser).toEqual({ name: { firstName: 'Ada', lastName: 'Lovelace' }, email: 'ada@example.com' })
  })
})
