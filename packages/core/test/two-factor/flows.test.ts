import { describe, expect, it } from 'vitest'
import { customFetch, type AuthConfig } from '../../src/index.js'
import GitHub from '../../src/providers/github.js'
import { MemoryAdapter } from '../../src/adapters/memory.js'
import { resolveConfig } from '../../src/config/resolve.js'
import { parseCookies } from '../../src/http/cookies.js'
import { completeSignIn } from '../../src/actions/complete-signin.js'
import type { RequestContext } from '../../src/context.js'
import { totpCode } from '../../src/two-factor/totp.js'
import { Browser, appSecret } from '../support/client.js'
import { startSignIn } from '../support/oidc-flow.js'
import { JSON_HEADERS, submitCode } from './support.js'

/** A fake GitHub behind the injected fetch (no PKCE check: the OAuth tests cover that). */
function fakeGitHub() {
  const impl = (async (input: string | URL | Request) => {
    const url = String(input instanceof Request ? input.url : input)
    if (url === 'https://github.com/login/oauth/access_token') return Response.json({ access_token: 'gho_token', token_type: 'bearer', scope: 'read:user' })
    if (url === 'https://api.github.com/user') return Response.json({ id: 42, login: 'octo', name: 'Octo Cat', email: 'octo@example.com', avatar_url: null })
    if (url === 'https://api.github.com/user/emails') return Response.json([{ email: 'octo@example.com', primary: true, verified: true }])
    return new Response('not found', { status: 404 })
  }) as typeof fetch
  return {
    impl,
    callback(authorizationUrl: string) {
      const u = new URL(authorizationUrl)
      const cb = new URL(u.searchParams.get('redirect_uri')!)
      cb.searchParams.set('code', 'gh-code')
      cb.searchParams.set('state', u.searchParams.get('state')!)
      return `${cb.pathname}${cb.search}`
    },
  }
}

describe('two-factor after an OAuth first factor', () => {
  it('the jwt callback, the signIn event and the redirect run only after the code, with the first factor’s account', async () => {
    let now = 1_800_000_000
    const gh = fakeGitHub()
    const adapter = MemoryAdapter()
    const jwtCalls: { trigger?: string; provider?: string; accessToken?: unknown; isNewUser?: boolean }[] = []
    const signIns: string[] = []
    const config: AuthConfig = {
      secret: appSecret(),
      url: 'http://app.test',
      adapter,
      session: { strategy: 'jwt' },
      clock: () => now,
      [customFetch]: gh.impl,
      providers: [GitHub({ clientId: 'id', clientSecret: 'secret' })],
      twoFactor: {},
      callbacks: {
        jwt: ({ token, trigger, account, isNewUser }) => {
          if (trigger) jwtCalls.push({ trigger, provider: account?.provider, accessToken: account?.access_token, isNewUser })
          return token
        },
      },
      events: { signIn: ({ account }) => void signIns.push(account?.provider ?? '') },
    }
    const signInWithGitHub = async (b: Browser) => {
      const start = await startSignIn(b, 'github', '/dashboard')
      return b.fetch(gh.callback(start.headers.get('location')!))
    }
    // First sign-in: a new user, no 2FA yet.
    const b = new Browser(config)
    expect((await signInWithGitHub(b)).headers.get('location')).toBe('http://app.test/dashboard')
    expect(jwtCalls).toEqual([{ trigger: 'signUp', provider: 'github', accessToken: 'gho_token', isNewUser: true }])
    const csrfToken = await b.csrf()
    const started = await b.fetch('/auth/two-factor-setup', { form: { csrfToken, intent: 'enroll' }, headers: JSON_HEADERS })
    const { secret } = (await started.json()) as { secret: string }
    const code = () => totpCode(secret, now * 1000)
    expect((await b.fetch('/auth/two-factor-setup', { form: { csrfToken, intent: 'confirm', code: code() }, headers: JSON_HEADERS })).status).toBe(200)
    now += 30

    // Second sign-in: the code step before anything session-like happens.
    jwtCalls.length = 0
    signIns.length = 0
    const again = new Browser(config)
    const first = await signInWithGitHub(again)
    expect(first.headers.get('location')).toBe('http://app.test/auth/two-factor')
    expect(jwtCalls).toEqual([])
    expect(signIns).toEqual([])
    expect(await again.session()).toBeNull()
    const done = await submitCode(again, code(), { accept: 'text/html' })
    expect(done.status).toBe(302)
    expect(done.headers.get('location')).toBe('http://app.test/dashboard')
    expect(jwtCalls).toEqual([{ trigger: 'signIn', provider: 'github', accessToken: 'gho_token', isNewUser: false }])
    expect(signIns).toEqual(['github'])
    expect((await again.session()).user).toMatchObject({ email: 'octo@example.com', twoFactorEnabled: true })
    // One user, one linked account.
    const user = await adapter.getUserByEmail('octo@example.com')
    expect(await adapter.listAccounts(user!.id)).toHaveLength(1)
  })
})

describe('a passkey with user verification as both factors', () => {
  function contextFor(config: AuthConfig): RequestContext {
    const options = resolveConfig(config)
    const request = new Request('http://app.test/auth/callback/passkey', { method: 'POST' })
    return {
      request, options, action: 'callback', method: 'POST', authUrl: 'http://app.test/auth', origin: 'http://app.test', secure: false,
      cookies: options.cookiesFor(false), jar: parseCookies(null), query: {}, body: {},
    }
  }

  it.each([
    [true, undefined, 'session'],
    [true, false, 'code'],
    [false, undefined, 'code'],
  ] as const)('passkeyUserVerified=%s, passkeyCountsAsTwoFactors=%s → %s', async (verified, counts, expected) => {
    const adapter = MemoryAdapter()
    const user = await adapter.createUser({ id: '', email: 'ada@example.com', emailVerified: null })
    await adapter.setTwoFactor(user.id, { secret: 'v1.x.y.z', confirmedAt: new Date(), lastUsedStep: null, recoveryCodes: [] })
    const config: AuthConfig = {
      secret: appSecret(), url: 'http://app.test', adapter, session: { strategy: 'jwt' }, providers: [],
      twoFactor: counts === undefined ? {} : { passkeyCountsAsTwoFactors: counts },
    }
    const account = { provider: 'passkey', type: 'webauthn' as const, providerAccountId: 'cred-1', userId: user.id }
    await adapter.linkAccount(account)
    const res = await completeSignIn(contextFor(config), { user, account, passkeyUserVerified: verified })
    const names = (res.cookies ?? []).map((c) => c.name)
    if (expected === 'session') {
      expect(names).toContain('authjs.session-token')
      expect(names).not.toContain('authjs.two-factor')
    } else {
      expect(res.redirect).toBe('http://app.test/auth/two-factor')
      expect(names).toContain('authjs.two-factor')
      expect(names).not.toContain('authjs.session-token')
    }
  })
})
