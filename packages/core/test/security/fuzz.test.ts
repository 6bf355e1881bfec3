import fc from 'fast-check'
import { afterAll, describe, expect, it } from 'vitest'
import { Auth, customFetch, type AuthConfig } from '../../src/index.js'
import { encode } from '../../src/jwt.js'
import Credentials from '../../src/providers/credentials.js'
import { SECRET } from '../support/client.js'

/**
 * Property-based fuzzing of every action: random methods, paths, headers, cookies and bodies.
 * Never a 5xx, never a thrown error or unhandled rejection, never an off-site Location (other than the
 * configured provider's authorization endpoint), never a session cookie without a completed sign-in.
 */
const RUNS = Number(process.env.LATCH_FUZZ_RUNS ?? 5000)
const APP = 'https://app.example.com'
const ISSUER = 'https://idp.example.com'

const discovery = {
  issuer: ISSUER,
  authorization_endpoint: `${ISSUER}/authorize`,
  token_endpoint: `${ISSUER}/token`,
  jwks_uri: `${ISSUER}/jwks`,
  userinfo_endpoint: `${ISSUER}/userinfo`,
  response_types_supported: ['code'],
  code_challenge_methods_supported: ['S256'],
  authorization_response_iss_parameter_supported: true,
}
const fakeFetch: typeof fetch = async (input) => {
  const url = String(input instanceof Request ? input.url : input)
  if (url.endsWith('/.well-known/openid-configuration')) return Response.json(discovery)
  if (url.endsWith('/jwks')) return Response.json({ keys: [] })
  return new Response('{"error":"invalid_grant"}', { status: 400, headers: { 'content-type': 'application/json' } })
}

const logs: string[] = []
const config: AuthConfig = {
  secret: SECRET,
  url: APP,
  trustHost: false,
  providers: [
    Credentials({ credentials: { username: {}, password: { type: 'password' } }, authorize: async () => null }),
    { id: 'idp', name: 'IdP', type: 'oidc', issuer: ISSUER, clientId: 'client', clientSecret: 'client-secret-value' },
  ],
  [customFetch]: fakeFetch,
  logger: { error: (e) => logs.push(`${e.name}: ${e.message}`), warn: (c, m) => logs.push(`${c}: ${m}`), debug: () => {} },
}

const ACTIONS = ['session', 'csrf', 'providers', 'signin', 'signout', 'callback', 'error', 'verify-request', 'nope', '']
const PROVIDERS = ['credentials', 'idp', 'email', 'unknown', '..', '%2e%2e', '%', '__proto__', 'constructor']
const HOSTILE_URLS = ['//evil.com', '/\\evil.com', '/%5C/evil.com', 'https://app.example.com.evil.com', 'javascript:alert(1)', 'http://[', '%', '/..%2F..%2Fevil.com', '/ok']

let validSession = ''
let validCsrf = { cookie: '', token: '' }

const seg = fc.oneof(fc.constantFrom(...ACTIONS, ...PROVIDERS), fc.string({ maxLength: 12 }).map(encodeURIComponent))
const path = fc
  .tuple(fc.constantFrom('/auth', '//auth', '/auth/', '/AUTH', '/%61uth', '/other'), fc.array(seg, { maxLength: 3 }), fc.constantFrom('/', '//', ''))
  .map(([base, segs, sep]) => base + segs.map((s) => sep + s).join(''))
const query = fc.dictionary(fc.constantFrom('callbackUrl', 'error', 'code', 'state', 'iss', 'token', 'email', 'redirectTo', 'x'), fc.oneof(fc.constantFrom(...HOSTILE_URLS), fc.string({ maxLength: 30 })), { maxKeys: 4 })
const cookieValue = fc.oneof(
  fc.string({ maxLength: 60 }),
  fc.constant('x'.repeat(5000)),
  fc.constant('%'),
  fc.constantFrom('valid-session', 'truncated-session', 'valid-csrf'),
)
const cookieName = fc.constantFrom(
  '__Secure-authjs.session-token',
  '__Secure-authjs.session-token.0',
  '__Secure-authjs.session-token.1',
  '__Secure-authjs.state',
  '__Secure-authjs.pkce.code_verifier',
  '__Secure-authjs.nonce',
  '__Host-authjs.csrf-token',
  '__Secure-authjs.callback-url',
  'next-auth.session-token',
  'other',
)
const cookies = fc.array(fc.tuple(cookieName, cookieValue), { maxLength: 6 })
const body = fc.oneof(
  fc.constant(undefined),
  fc.string({ maxLength: 200 }),
  fc.dictionary(fc.constantFrom('csrfToken', 'callbackUrl', 'username', 'password', 'email', 'code', 'state', 'data', 'user'), fc.oneof(fc.string({ maxLength: 20 }), fc.constantFrom(...HOSTILE_URLS), fc.constant('valid-csrf'))).map((d) => new URLSearchParams(d as Record<string, string>).toString()),
  fc.jsonValue({ maxDepth: 2 }).map((v) => JSON.stringify(v)),
)
const contentType = fc.constantFrom(undefined, 'application/x-www-form-urlencoded', 'application/json', 'text/plain', 'multipart/form-data; boundary=x', 'application/xml')
const method = fc.constantFrom('GET', 'POST', 'PUT', 'DELETE', 'HEAD', 'OPTIONS', 'PATCH')
const forwarded = fc.option(fc.constantFrom('evil.example', 'app.example.com.evil.com', 'a b', ''), { nil: undefined })

function materialize(v: string): string {
  if (v === 'valid-session') return validSession
  if (v === 'truncated-session') return validSession.slice(0, 40)
  if (v === 'valid-csrf') return validCsrf.token
  return v
}

let count = 0
afterAll(() => {
  console.log(`fuzz: ${count} requests, every one answered below 500 with no off-site Location and no unearned session`)
})

describe('fuzzing every endpoint', () => {
  it(`holds the invariants over ${RUNS} random requests`, async () => {
    validSession = await encode({ token: { sub: 'someone' }, salt: '__Secure-authjs.session-token', secret: SECRET })
    const csrfRes = await Auth(new Request(`${APP}/auth/csrf`), config)
    validCsrf = { cookie: csrfRes.headers.getSetCookie()[0]!.split(';')[0]!.split('=').slice(1).join('='), token: (await csrfRes.json()).csrfToken }

    await fc.assert(
      fc.asyncProperty(method, path, query, cookies, body, contentType, forwarded, fc.boolean(), async (m, p, q, jar, b, ct, fwd, withCsrf) => {
        const url = new URL(APP + p)
        for (const [k, v] of Object.entries(q)) url.searchParams.set(k, materialize(v))
        const headers = new Headers()
        const pairs = jar.map(([k, v]) => `${k}=${materialize(v)}`)
        if (withCsrf) pairs.push(`__Host-authjs.csrf-token=${validCsrf.cookie}`)
        if (pairs.length) headers.set('cookie', pairs.join('; '))
        if (ct) headers.set('content-type', ct)
        if (fwd !== undefined) headers.set('x-forwarded-host', fwd)
        const hasBody = b !== undefined && m !== 'GET' && m !== 'HEAD'
        const request = new Request(url, { method: m, headers, body: hasBody ? materialize(b) : undefined })
        const res = await Auth(request, config)
        count++
        expect(res.status, `${m} ${url}`).toBeLessThan(500)
        const location = res.headers.get('location')
        if (location) {
          const target = new URL(location, APP)
          expect([new URL(APP).origin, ISSUER], `${m} ${url} → ${location}`).toContain(target.origin)
        }
        for (const c of res.headers.getSetCookie()) {
          // a session cookie may only ever be cleared here: no sign-in can complete (authorize → null, no valid OAuth state)
          if (/^__Secure-authjs\.session-token(\.\d+)?=/.test(c)) expect(c, `${m} ${url}`).toMatch(/^[^=]+=;/)
        }
        await res.arrayBuffer()
      }),
      { numRuns: RUNS, seed: process.env.LATCH_FUZZ_SEED ? Number(process.env.LATCH_FUZZ_SEED) : undefined },
    )
    expect(count).toBeGreaterThanOrEqual(RUNS)
    for (const line of logs) expect(line).not.toContain('client-secret-value')
  }, 300_000)
})
