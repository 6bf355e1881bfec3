import { describe, expect, it } from 'vitest'
import { customFetch, type AuthConfig } from '../../src/index.js'
import GitHub from '../../src/providers/github.js'
import { stableSubject } from '../../src/oauth/subject.js'
import { Browser, SECRET } from '../support/client.js'
import { startSignIn } from '../support/oidc-flow.js'

const ORIGIN = 'https://app.example.com'
const GH_SECRET = 'gh-client-secret-never-logged'

/** A fake GitHub: every outgoing request of the flow goes through this injected fetch. */
function fakeGitHub() {
  const requests: { url: string; headers: Headers; body: string }[] = []
  let issued: { code: string; challenge: string } | undefined
  const impl = (async (input: string | URL | Request, init?: RequestInit) => {
    const url = String(input instanceof Request ? input.url : input)
    const headers = new Headers(init?.headers)
    const body = init?.body ? String(init.body) : ''
    requests.push({ url, headers, body })
    if (url === 'https://github.com/login/oauth/access_token') {
      const form = new URLSearchParams(body)
      const { createHash } = await import('node:crypto')
      const challenge = createHash('sha256').update(form.get('code_verifier') ?? '').digest('base64url')
      if (form.get('code') !== issued?.code || challenge !== issued?.challenge) {
        return Response.json({ error: 'bad_verification_code' }, { status: 400 })
      }
      return Response.json({ access_token: 'gho_token', token_type: 'bearer', scope: 'read:user,user:email' })
    }
    if (url === 'https://api.github.com/user') {
      if (headers.get('authorization') !== 'Bearer gho_token') return new Response('unauthorized', { status: 401 })
      return Response.json({ id: 42, login: 'octo', name: 'Octo Cat', email: null, avatar_url: 'https://avatars.example/42' })
    }
    if (url === 'https://api.github.com/user/emails') {
      return Response.json([{ email: 'octo@example.com', primary: true, verified: true, visibility: 'private' }])
    }
    return new Response('not found', { status: 404 })
  }) as typeof fetch
  return {
    impl,
    requests,
    authorize(authorizationUrl: string) {
      const u = new URL(authorizationUrl)
      issued = { code: 'gh-code-1', challenge: u.searchParams.get('code_challenge')! }
      const cb = new URL(u.searchParams.get('redirect_uri')!)
      cb.searchParams.set('code', issued.code)
      cb.searchParams.set('state', u.searchParams.get('state')!)
      return cb
    },
  }
}

describe('plain OAuth 2.0 provider (GitHub) with an injected fetch', () => {
  it('signs in: PKCE + state, client_secret_basic, /user and /user/emails, stable sub', async () => {
    const gh = fakeGitHub()
    const logs: string[] = []
    const config: AuthConfig = {
      secret: SECRET,
      url: ORIGIN,
      debug: true,
      logger: { error: (e) => logs.push(String(e.stack)), warn: (c, m) => logs.push(`${c} ${m}`), debug: (m, x) => logs.push(`${m} ${JSON.stringify(x)}`) },
      providers: [GitHub({ clientId: 'gh-id', clientSecret: GH_SECRET })],
      callbacks: { session: ({ session, token }) => ({ ...session, sub: token.sub }) },
      [customFetch]: gh.impl,
    }
    const b = new Browser(config, ORIGIN)
    const res = await startSignIn(b, 'github')
    const authz = new URL(res.headers.get('location')!)
    expect(authz.origin + authz.pathname).toBe('https://github.com/login/oauth/authorize')
    expect(authz.searchParams.get('scope')).toBe('read:user user:email')
    expect(authz.searchParams.get('nonce')).toBeNull()
    // https: check cookies are __Secure- and Secure
    expect(res.headers.getSetCookie().filter((c) => c.startsWith('__Secure-authjs.')).every((c) => /; Secure/.test(c))).toBe(true)

    const cb = gh.authorize(authz.href)
    const done = await b.fetch(cb.pathname + cb.search)
    expect(done.headers.get('location')).toBe(`${ORIGIN}/dashboard`)
    const session = await b.session()
    expect(session.user).toEqual({ name: 'Octo Cat', email: 'octo@example.com', image: 'https://avatars.example/42' })
    expect(session.sub).toBe(await stableSubject('github', '42'))

    const token = gh.requests.find((r) => r.url.endsWith('/access_token'))!
    expect(token.headers.get('authorization')).toMatch(/^Basic /)
    expect(token.body).not.toContain(GH_SECRET)
    expect(logs.join('\n')).not.toContain(GH_SECRET)
    expect(logs.join('\n')).not.toContain('gho_token')
  })

  it('a provider-level [customFetch] is used when the config has none', async () => {
    const gh = fakeGitHub()
    const config: AuthConfig = {
      secret: SECRET,
      url: ORIGIN,
      logger: { error: () => {}, warn: () => {}, debug: () => {} },
      providers: [{ ...GitHub({ clientId: 'gh-id', clientSecret: GH_SECRET }), [customFetch]: gh.impl }],
    }
    const b = new Browser(config, ORIGIN)
    const res = await startSignIn(b, 'github')
    const cb = gh.authorize(res.headers.get('location')!)
    expect((await b.fetch(cb.pathname + cb.search)).headers.get('location')).toBe(`${ORIGIN}/dashboard`)
    expect(gh.requests.map((r) => r.url)).toContain('https://api.github.com/user/emails')
  })

  it('user profile() and account() overrides shape the user and the account', async () => {
    const gh = fakeGitHub()
    const seen: Record<string, unknown> = {}
    const config: AuthConfig = {
      secret: SECRET,
      url: ORIGIN,
      logger: { error: () => {}, warn: () => {}, debug: () => {} },
      providers: [
        GitHub({
          clientId: 'gh-id',
          clientSecret: GH_SECRET,
          profile: (p) => ({ id: String(p.id), name: p.login.toUpperCase(), email: p.email, image: null, role: 'dev' }),
          account: (t) => ({ access_token: t.access_token, scope: t.scope as string, custom: 'yes' }),
        }),
      ],
      callbacks: {
        jwt: ({ token, user, account }) => {
          if (account) Object.assign(seen, { user, account })
          return token
        },
      },
      [customFetch]: gh.impl,
    }
    const b = new Browser(config, ORIGIN)
    const res = await startSignIn(b, 'github')
    const cb = gh.authorize(res.headers.get('location')!)
    await b.fetch(cb.pathname + cb.search)
    expect(seen.user).toMatchObject({ id: '42', name: 'OCTO', role: 'dev' })
    expect(seen.account).toEqual({
      access_token: 'gho_token',
      scope: 'read:user,user:email',
      custom: 'yes',
      provider: 'github',
      type: 'oauth',
      providerAccountId: '42',
    })
  })

  it('an expired check cookie (older than 15 minutes) is rejected', async () => {
    const gh = fakeGitHub()
    let offset = 0
    const config: AuthConfig = {
      secret: SECRET,
      url: ORIGIN,
      clock: () => Math.floor(Date.now() / 1000) + offset,
      logger: { error: () => {}, warn: () => {}, debug: () => {} },
      providers: [GitHub({ clientId: 'gh-id', clientSecret: GH_SECRET })],
      [customFetch]: gh.impl,
    }
    const b = new Browser(config, ORIGIN)
    const res = await startSignIn(b, 'github')
    const cb = gh.authorize(res.headers.get('location')!)
    offset = 16 * 60
    const done = await b.fetch(cb.pathname + cb.search)
    expect(new URL(done.headers.get('location')!).searchParams.get('error')).toBe('InvalidCheck')
    expect(b.jar.has('__Secure-authjs.session-token')).toBe(false)
  })
})

describe('stableSubject', () => {
  it('is deterministic, UUID-shaped and distinct per provider and account', async () => {
    const a = await stableSubject('github', '42')
    expect(a).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-8[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/)
    expect(await stableSubject('github', '42')).toBe(a)
    expect(await stableSubject('gitlab', '42')).not.toBe(a)
    expect(await stableSubject('github', '43')).not.toBe(a)
    expect(await stableSubject('git', 'hub:42')).not.toBe(await stableSubject('git:hub', '42'))
  })
})
