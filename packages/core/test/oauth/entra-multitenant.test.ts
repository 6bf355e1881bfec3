import { beforeAll, beforeEach, describe, expect, it } from 'vitest'
import { SignJWT, exportJWK, generateKeyPair, type CryptoKey as JoseKey, type JWK } from 'jose'
import { customFetch, type AuthConfig } from '../../src/index.js'
import MicrosoftEntraID from '../../src/providers/microsoft-entra-id.js'
import OIDC from '../../src/providers/oidc.js'
import { clearDiscoveryCache } from '../../src/oauth/discovery.js'
import { clearRefreshFlights } from '../../src/oauth/refresh.js'
import { Browser, SECRET } from '../support/client.js'
import { startSignIn } from '../support/oidc-flow.js'

const ORIGIN = 'https://app.example.com'
const SESSION = '__Secure-authjs.session-token'
const MS = 'https://login.microsoftonline.com'
const TEMPLATE = `${MS}/{tenantid}/v2.0`
const CLIENT_ID = 'entra-client-id'
const TENANT_A = 'aaaaaaaa-1111-4222-8333-444444444444'
const TENANT_B = 'bbbbbbbb-1111-4222-8333-444444444444'
const CONSUMERS = '9188040d-6c67-4c5b-b112-36a304b66dad'
const tenantIssuer = (tid: string) => `${MS}/${tid}/v2.0`

let good: { privateKey: JoseKey; jwk: JWK }
let rogue: { privateKey: JoseKey; jwk: JWK }

async function keyPair(kid: string) {
  const { privateKey, publicKey } = await generateKeyPair('RS256')
  return { privateKey, jwk: { ...(await exportJWK(publicKey)), kid, use: 'sig', alg: 'RS256' } }
}

beforeAll(async () => {
  good = await keyPair('entra-key-1')
  rogue = await keyPair('rogue-key')
})

/** What the next token response's id_token looks like. */
interface Plan {
  tid?: unknown
  /** Defaults to the template with `tid` substituted. */
  iss?: string
  aud?: string
  nonce?: string
  /** Seconds from now. */
  exp?: number
  key?: 'good' | 'rogue' | 'rogue-with-good-kid'
}

/**
 * A fake Microsoft identity platform (and look-alikes) behind an injected fetch: discovery documents
 * whose issuer is the `{tenantid}` template (or an override per discovery URL), the JWKS, and a token
 * endpoint that signs id_tokens according to `plan`.
 */
function fakeEntra(now: () => number) {
  const calls = { jwks: 0, discovery: 0, token: 0 }
  const discoveryIssuer = new Map<string, string>()
  let docExtra: Record<string, unknown> = {}
  let plan: Plan = {}
  let nonce: string | undefined

  async function idToken(p: Plan, refresh: boolean): Promise<string> {
    const tid = 'tid' in p ? p.tid : TENANT_A
    const claims: Record<string, unknown> = { name: 'Ada Lovelace', email: 'ada@contoso.example', oid: 'oid-1', tid, ver: '2.0' }
    if (!refresh && (p.nonce ?? nonce)) claims.nonce = p.nonce ?? nonce
    const signer = p.key === 'rogue' || p.key === 'rogue-with-good-kid' ? rogue : good
    const kid = p.key === 'rogue-with-good-kid' ? good.jwk.kid! : signer.jwk.kid!
    return new SignJWT(claims)
      .setProtectedHeader({ alg: 'RS256', kid, typ: 'JWT' })
      .setIssuer(p.iss ?? TEMPLATE.replace('{tenantid}', String(tid)))
      .setAudience(p.aud ?? CLIENT_ID)
      .setSubject('entra-subject-1')
      .setIssuedAt(now())
      .setExpirationTime(now() + (p.exp ?? 3600))
      .sign(signer.privateKey)
  }

  const fetchImpl = (async (input: string | URL | Request, init?: RequestInit) => {
    const url = new URL(String(input instanceof Request ? input.url : input))
    const body = new URLSearchParams(init?.body ? String(init.body) : '')
    if (url.pathname.endsWith('/.well-known/openid-configuration')) {
      calls.discovery++
      const base = url.href.slice(0, -'/.well-known/openid-configuration'.length)
      const segment = new URL(base).pathname.split('/')[1]
      const root = `${url.origin}/${segment}`
      return Response.json({
        issuer: discoveryIssuer.get(base) ?? `${url.origin}/{tenantid}/v2.0`,
        authorization_endpoint: `${root}/oauth2/v2.0/authorize`,
        token_endpoint: `${root}/oauth2/v2.0/token`,
        jwks_uri: `${root}/discovery/v2.0/keys`,
        userinfo_endpoint: 'https://graph.microsoft.com/oidc/userinfo',
        response_types_supported: ['code', 'id_token', 'code id_token', 'id_token token'],
        subject_types_supported: ['pairwise'],
        id_token_signing_alg_values_supported: ['RS256'],
        scopes_supported: ['openid', 'profile', 'email', 'offline_access'],
        token_endpoint_auth_methods_supported: ['client_secret_post', 'private_key_jwt', 'client_secret_basic'],
        claims_supported: ['sub', 'iss', 'aud', 'exp', 'iat', 'nonce', 'tid', 'oid', 'name', 'email'],
        tenant_region_scope: null,
        cloud_instance_name: 'microsoftonline.com',
        ...docExtra,
      })
    }
    if (url.pathname.endsWith('/discovery/v2.0/keys')) {
      calls.jwks++
      return Response.json({ keys: [{ ...good.jwk, issuer: TEMPLATE }] })
    }
    if (url.pathname.endsWith('/oauth2/v2.0/token')) {
      calls.token++
      const refresh = body.get('grant_type') === 'refresh_token'
      if (!refresh && (body.get('code') !== 'entra-code' || !body.get('code_verifier'))) {
        return Response.json({ error: 'invalid_grant' }, { status: 400 })
      }
      return Response.json({
        token_type: 'Bearer',
        scope: 'openid profile email',
        expires_in: 60,
        access_token: `at-${calls.token}`,
        refresh_token: `rt-${calls.token}`,
        id_token: await idToken(plan, refresh),
      })
    }
    return new Response('not found', { status: 404 })
  }) as typeof fetch

  return {
    fetch: fetchImpl,
    calls,
    discoveryIssuer,
    setPlan(p: Plan) {
      plan = p
    },
    /** Extra members of every discovery document. */
    setDocExtra(extra: Record<string, unknown>) {
      docExtra = extra
    },
    /** Sign in through `providerId`: the next id_token follows `p`; `iss` is added to the authorization response when given. */
    async signIn(b: Browser, providerId: string, p: Plan = {}, iss?: string): Promise<Response> {
      plan = p
      const res = await startSignIn(b, providerId)
      if (res.status !== 302) throw new Error(`signin answered ${res.status}`)
      const authz = new URL(res.headers.get('location')!)
      if (authz.pathname.endsWith('/api/auth/error') || authz.searchParams.has('error')) return res
      nonce = authz.searchParams.get('nonce') ?? undefined
      const cb = new URL(authz.searchParams.get('redirect_uri')!)
      cb.searchParams.set('code', 'entra-code')
      cb.searchParams.set('state', authz.searchParams.get('state')!)
      if (iss !== undefined) cb.searchParams.set('iss', iss)
      return b.fetch(cb.pathname + cb.search)
    },
  }
}

let offset = 0
/** Everything the logger saw (rejections are logged as warnings, configuration faults as errors). */
let errors: string[] = []
const now = () => Math.floor(Date.now() / 1000) + offset

function setup(extra: AuthConfig['providers'] = []) {
  const entra = fakeEntra(now)
  const common = { clientId: CLIENT_ID, clientSecret: 'entra-client-secret' }
  const config: AuthConfig = {
    secret: SECRET,
    url: ORIGIN,
    clock: now,
    logger: {
      error: (e) => errors.push(`${(e as { code?: string }).code ?? e.name}: ${e.message}`),
      warn: (code, message) => errors.push(`${code}: ${message}`),
      debug: () => {},
    },
    providers: [
      MicrosoftEntraID({ ...common, tenantId: 'common', refresh: true }),
      MicrosoftEntraID({ ...common, id: 'entra-orgs', issuer: `${MS}/organizations/v2.0`, allowedTenants: [TENANT_A] }),
      MicrosoftEntraID({ ...common, id: 'entra-pinned', issuer: `${MS}/common/v2.0`, tenantId: TENANT_B }),
      MicrosoftEntraID({ ...common, id: 'entra-consumers', tenantId: 'consumers' }),
      MicrosoftEntraID({ ...common, id: 'entra-single', tenantId: TENANT_A }),
      ...extra,
    ],
    callbacks: {
      session: ({ session, token }) => ({ ...session, error: token.error }),
    },
    [customFetch]: entra.fetch,
  }
  return { entra, b: new Browser(config, ORIGIN) }
}

function errorOf(res: Response): string | null {
  const location = res.headers.get('location')
  return location ? new URL(location).searchParams.get('error') : null
}

/** A rejected callback: redirected to the error page, never a 500, no session cookie, no session. */
async function expectRejected(b: Browser, res: Response, code = 'OAuthCallbackError', reason?: RegExp) {
  expect(res.status).toBe(302)
  expect(errorOf(res)).toBe(code)
  expect(b.jar.has(SESSION)).toBe(false)
  expect(await b.session()).toBeNull()
  if (reason) expect(errors.at(-1)).toMatch(reason)
}

beforeEach(() => {
  offset = 0
  errors = []
  clearDiscoveryCache()
  clearRefreshFlights()
})

describe('Microsoft Entra ID multi-tenant (common)', () => {
  it('signs in: templated discovery, id_token iss = template with tid, signature checked against the cached JWKS', async () => {
    const { entra, b } = setup()
    const res = await entra.signIn(b, 'microsoft-entra-id')
    expect(res.headers.get('location')).toBe(`${ORIGIN}/dashboard`)
    expect(b.jar.has(SESSION)).toBe(true)
    expect((await b.session()).user).toEqual({ name: 'Ada Lovelace', email: 'ada@contoso.example', image: null })

    // A second sign-in from another tenant reuses the discovered metadata and the JWKS.
    const other = new Browser(b.config, ORIGIN)
    const res2 = await entra.signIn(other, 'microsoft-entra-id', { tid: TENANT_B })
    expect(res2.headers.get('location')).toBe(`${ORIGIN}/dashboard`)
    expect(entra.calls.discovery).toBe(1)
    expect(entra.calls.jwks).toBe(1)
  })

  it('the authorization request goes to the common endpoint', async () => {
    const { b } = setup()
    const res = await startSignIn(b, 'microsoft-entra-id')
    const authz = new URL(res.headers.get('location')!)
    expect(authz.origin + authz.pathname).toBe(`${MS}/common/oauth2/v2.0/authorize`)
    expect(authz.searchParams.get('nonce')).toBeTruthy()
  })

  it('rejects an id_token whose iss names another tenant than its tid', async () => {
    const { entra, b } = setup()
    await expectRejected(b, await entra.signIn(b, 'microsoft-entra-id', { tid: TENANT_A, iss: tenantIssuer(TENANT_B) }), 'OAuthCallbackError', /"iss" \(issuer\) claim/)
  })

  it('rejects an id_token whose iss is the raw template', async () => {
    const { entra, b } = setup()
    await expectRejected(b, await entra.signIn(b, 'microsoft-entra-id', { iss: TEMPLATE }), 'OAuthCallbackError', /"iss" \(issuer\) claim/)
  })

  it.each([
    ['a tenant name', 'contoso.onmicrosoft.com'],
    ['a path', '../evil'],
    ['an almost-GUID', 'aaaaaaaa-1111-4222-8333-44444444444'],
    ['a number', 42],
    ['missing', undefined],
  ])('rejects an id_token whose tid is not a GUID (%s)', async (_label, tid) => {
    const { entra, b } = setup()
    // iss consistent with the bogus tid, so only the tid form check can reject it
    await expectRejected(b, await entra.signIn(b, 'microsoft-entra-id', { tid, iss: `${MS}/${String(tid)}/v2.0` }), 'OAuthCallbackError', /tid claim is not a tenant id/)
  })

  it('rejects an id_token signed by a key that is not in the Entra JWKS', async () => {
    const { entra, b } = setup()
    await expectRejected(b, await entra.signIn(b, 'microsoft-entra-id', { key: 'rogue' }), 'OAuthCallbackError', /no applicable keys/)
    await expectRejected(b, await entra.signIn(b, 'microsoft-entra-id', { key: 'rogue-with-good-kid' }), 'OAuthCallbackError', /signature verification failed/)
  })

  it('still checks aud, exp and nonce', async () => {
    const { entra, b } = setup()
    await expectRejected(b, await entra.signIn(b, 'microsoft-entra-id', { aud: 'another-client' }), 'OAuthCallbackError', /"aud"/)
    await expectRejected(b, await entra.signIn(b, 'microsoft-entra-id', { exp: -600 }), 'OAuthCallbackError', /"exp"/)
    await expectRejected(b, await entra.signIn(b, 'microsoft-entra-id', { nonce: 'not-the-nonce' }), 'OAuthCallbackError', /"nonce"/)
  })

  it('RFC 9207: no iss in the authorization response is fine; one must be the issuer of the id_token tenant', async () => {
    const { entra, b } = setup()
    const ok = await entra.signIn(b, 'microsoft-entra-id', { tid: TENANT_A }, tenantIssuer(TENANT_A))
    expect(ok.headers.get('location')).toBe(`${ORIGIN}/dashboard`)

    const b2 = new Browser(b.config, ORIGIN)
    await expectRejected(b2, await entra.signIn(b2, 'microsoft-entra-id', { tid: TENANT_A }, tenantIssuer(TENANT_B)), 'OAuthCallbackError', /iss does not match its tenant/)
    await expectRejected(b2, await entra.signIn(b2, 'microsoft-entra-id', { tid: TENANT_A }, TEMPLATE), 'OAuthCallbackError', /unexpected iss in the authorization response/)
    await expectRejected(b2, await entra.signIn(b2, 'microsoft-entra-id', { tid: TENANT_A }, 'https://evil.example/v2.0'), 'OAuthCallbackError', /unexpected iss in the authorization response/)
  })

  it('RFC 9207: when the metadata advertises iss support, a missing iss is rejected', async () => {
    const { entra, b } = setup()
    entra.setDocExtra({ authorization_response_iss_parameter_supported: true })
    await expectRejected(b, await entra.signIn(b, 'microsoft-entra-id', { tid: TENANT_A }), 'InvalidCheck', /iss/)
    const ok = await entra.signIn(b, 'microsoft-entra-id', { tid: TENANT_A }, tenantIssuer(TENANT_A))
    expect(ok.headers.get('location')).toBe(`${ORIGIN}/dashboard`)
  })

  it('explicit endpoints (no discovery) with the common issuer: same per-tenant checks', async () => {
    const { entra, b } = setup([
      MicrosoftEntraID({
        id: 'entra-explicit',
        clientId: CLIENT_ID,
        clientSecret: 's',
        tenantId: 'common',
        authorization: `${MS}/common/oauth2/v2.0/authorize`,
        token: `${MS}/common/oauth2/v2.0/token`,
        jwks_endpoint: `${MS}/common/discovery/v2.0/keys`,
      }),
    ])
    const ok = await entra.signIn(b, 'entra-explicit', { tid: TENANT_B })
    expect(ok.headers.get('location')).toBe(`${ORIGIN}/dashboard`)
    expect(entra.calls.discovery).toBe(0)
    const b2 = new Browser(b.config, ORIGIN)
    await expectRejected(b2, await entra.signIn(b2, 'entra-explicit', { tid: TENANT_A, iss: tenantIssuer(TENANT_B) }), 'OAuthCallbackError', /"iss" \(issuer\) claim/)
    await expectRejected(b2, await entra.signIn(b2, 'entra-explicit', { iss: `${MS}/common/v2.0` }), 'OAuthCallbackError', /"iss" \(issuer\) claim/)
  })

  it('refresh: a refreshed id_token is checked the same way', async () => {
    const { entra, b } = setup()
    await entra.signIn(b, 'microsoft-entra-id', { tid: TENANT_A })
    const before = entra.calls.token
    offset = 120 // past the 60 s access token
    expect((await b.session()).error).toBeUndefined()
    expect(entra.calls.token).toBe(before + 1)

    // The next refresh answers with an id_token whose iss names another tenant than its tid.
    entra.setPlan({ tid: TENANT_A, iss: tenantIssuer(TENANT_B) })
    offset = 240
    expect((await b.session()).error).toBe('RefreshAccessTokenError')
    expect(entra.calls.token).toBe(before + 2)
  })
})

describe('refreshed id_token signatures', () => {
  it('a refreshed id_token signed by a key not in the JWKS fails the refresh', async () => {
    const { entra, b } = setup()
    await entra.signIn(b, 'microsoft-entra-id', { tid: TENANT_A })
    offset = 120
    entra.setPlan({ tid: TENANT_A, key: 'rogue-with-good-kid' })
    expect((await b.session()).error).toBe('RefreshAccessTokenError')
    expect(errors.at(-1)).toMatch(/RefreshAccessTokenError/)
    // A properly signed one refreshes again.
    entra.setPlan({ tid: TENANT_A })
    offset = 240
    expect((await b.session()).error).toBeUndefined()
  })

  it('metadata without a jwks_uri: sign-in is refused, and so is a refresh that brings an id_token', async () => {
    const { entra, b } = setup()
    await entra.signIn(b, 'microsoft-entra-id', { tid: TENANT_A })
    entra.setDocExtra({ jwks_uri: undefined })
    clearDiscoveryCache()
    offset = 120
    expect((await b.session()).error).toBe('RefreshAccessTokenError')
    expect(errors.at(-1)).toBe(
      'RefreshAccessTokenError: Refreshing the "microsoft-entra-id" access token failed: "microsoft-entra-id" has no jwks_uri to verify the refreshed id_token',
    )

    const b2 = new Browser(b.config, ORIGIN)
    await expectRejected(b2, await entra.signIn(b2, 'microsoft-entra-id', { tid: TENANT_A }), 'OAuthCallbackError', /"microsoft-entra-id" has no jwks_uri to verify the id_token signature/)
  })
})

describe('Microsoft Entra ID tenant restrictions', () => {
  it('allowedTenants: an allowed tenant signs in, any other is denied', async () => {
    const { entra, b } = setup()
    const ok = await entra.signIn(b, 'entra-orgs', { tid: TENANT_A })
    expect(ok.headers.get('location')).toBe(`${ORIGIN}/dashboard`)

    const b2 = new Browser(b.config, ORIGIN)
    await expectRejected(b2, await entra.signIn(b2, 'entra-orgs', { tid: TENANT_B }), 'AccessDenied', /not in allowedTenants/)
  })

  it('allowedTenants is compared case-insensitively but iss must still match the token exactly', async () => {
    const { entra, b } = setup([
      MicrosoftEntraID({ id: 'entra-upper', clientId: CLIENT_ID, clientSecret: 's', tenantId: 'common', allowedTenants: [TENANT_A.toUpperCase()] }),
    ])
    expect((await entra.signIn(b, 'entra-upper', { tid: TENANT_A })).headers.get('location')).toBe(`${ORIGIN}/dashboard`)
  })

  it('a tenant GUID in tenantId next to a multi-tenant issuer pins that tenant', async () => {
    const { entra, b } = setup()
    await expectRejected(b, await entra.signIn(b, 'entra-pinned', { tid: TENANT_A }), 'AccessDenied', /not in allowedTenants/)
    const ok = await entra.signIn(b, 'entra-pinned', { tid: TENANT_B })
    expect(ok.headers.get('location')).toBe(`${ORIGIN}/dashboard`)
  })

  it('organizations never accepts the personal-account tenant; consumers accepts only it', async () => {
    const { entra, b } = setup([
      MicrosoftEntraID({ id: 'entra-orgs-any', clientId: CLIENT_ID, clientSecret: 's', tenantId: 'organizations' }),
    ])
    await expectRejected(b, await entra.signIn(b, 'entra-orgs-any', { tid: CONSUMERS }), 'OAuthCallbackError', /organizations endpoint does not serve/)
    await expectRejected(b, await entra.signIn(b, 'entra-consumers', { tid: TENANT_A }), 'OAuthCallbackError', /consumers endpoint does not serve/)
    const ok = await entra.signIn(b, 'entra-consumers', { tid: CONSUMERS })
    expect(ok.headers.get('location')).toBe(`${ORIGIN}/dashboard`)
  })

  it('consumers: a discovery document naming the personal-account tenant issuer is accepted too', async () => {
    const { entra, b } = setup()
    entra.discoveryIssuer.set(`${MS}/consumers/v2.0`, tenantIssuer(CONSUMERS))
    const ok = await entra.signIn(b, 'entra-consumers', { tid: CONSUMERS })
    expect(ok.headers.get('location')).toBe(`${ORIGIN}/dashboard`)
  })

  it('an empty or malformed allowedTenants is a configuration error, never a session', async () => {
    expect(() => MicrosoftEntraID({ tenantId: 'common', allowedTenants: [] })).toThrow(/allowedTenants/)
    expect(() => MicrosoftEntraID({ tenantId: 'common', allowedTenants: ['contoso'] })).toThrow(/allowedTenants/)
    // Set past the factory: the callback still refuses.
    const base = MicrosoftEntraID({ clientId: CLIENT_ID, clientSecret: 's', tenantId: 'common' })
    const { entra, b } = setup([
      { ...base, id: 'entra-empty', allowedTenants: [] } as typeof base,
      { ...base, id: 'entra-bad', allowedTenants: ['contoso'] } as typeof base,
    ])
    for (const id of ['entra-empty', 'entra-bad']) {
      const res = await entra.signIn(b, id, { tid: TENANT_A })
      expect(res.status).toBe(302)
      expect(errorOf(res)).toBe('Configuration')
      expect(b.jar.has(SESSION)).toBe(false)
    }
  })
})

describe('no loosening elsewhere', () => {
  it('single tenant (tenantId: GUID) still works with the exact issuer', async () => {
    const { entra, b } = setup()
    entra.discoveryIssuer.set(tenantIssuer(TENANT_A), tenantIssuer(TENANT_A))
    const ok = await entra.signIn(b, 'entra-single', { tid: TENANT_A })
    expect(ok.headers.get('location')).toBe(`${ORIGIN}/dashboard`)
    expect((await b.session()).user.email).toBe('ada@contoso.example')
  })

  it('single tenant: an id_token from another tenant is rejected', async () => {
    const { entra, b } = setup()
    entra.discoveryIssuer.set(tenantIssuer(TENANT_A), tenantIssuer(TENANT_A))
    await expectRejected(b, await entra.signIn(b, 'entra-single', { tid: TENANT_B }), 'OAuthCallbackError', /"iss" \(issuer\) claim/)
  })

  it('single tenant: a discovery document with the {tenantid} template is rejected', async () => {
    const { entra, b } = setup()
    const res = await entra.signIn(b, 'entra-single', { tid: TENANT_A })
    await expectRejected(b, res, 'OAuthSignin', /"issuer" property does not match/)
  })

  it('multi-tenant: a discovery document declaring anything but the template is rejected', async () => {
    const { entra, b } = setup()
    for (const declared of [tenantIssuer(TENANT_A), `${MS}/common/v2.0`, 'https://evil.example/{tenantid}/v2.0', `${MS}/{tenantid}/v2.0/`]) {
      clearDiscoveryCache()
      entra.discoveryIssuer.set(`${MS}/common/v2.0`, declared)
      await expectRejected(b, await entra.signIn(b, 'microsoft-entra-id'), 'OAuthSignin', /"issuer" property does not match/)
    }
  })

  it.each([
    ['another host', 'https://idp.example.com/common/v2.0'],
    ['a look-alike host', 'https://login.microsoftonline.com.evil.example/common/v2.0'],
    ['a sub-path', `${MS}/common/v2.0/evil`],
    ['a trailing slash', `${MS}/common/v2.0/`],
    ['the v1 endpoint', `${MS}/common`],
  ])('a non-allow-listed issuer with a {tenantid} template in its discovery document is rejected (%s)', async (_label, issuer) => {
    const { entra, b } = setup([OIDC({ id: 'lookalike', issuer, clientId: CLIENT_ID, clientSecret: 's' })])
    const res = await entra.signIn(b, 'lookalike', {})
    await expectRejected(b, res, 'OAuthSignin', /"issuer" property does not match/)
    expect(entra.calls.discovery).toBe(1)
  })
})
