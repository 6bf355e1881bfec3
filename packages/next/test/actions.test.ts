import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest'
import { NextRequest } from 'next/server'
import OIDC from '@latch/core/providers/oidc'
import { startDevOidc, type DevOidc } from '@latch/dev-oidc'
import NextAuth from '../src/index.js'
import { ORIGIN, RedirectError, nextMock, signInJar, testConfig } from './helpers.js'

beforeEach(() => nextMock.reset())

async function redirectOf(p: Promise<unknown>): Promise<URL> {
  const e = await p.then(
    () => undefined,
    (err: unknown) => err,
  )
  expect(e).toBeInstanceOf(RedirectError)
  return new URL((e as RedirectError).url)
}

function cookieHeader(): string {
  return [...nextMock.written].filter(([, c]) => c.value).map(([k, c]) => `${k}=${c.value}`).join('; ')
}

describe('server action signIn', () => {
  it('credentials: sets the session cookie through cookies() and redirect()s to redirectTo', async () => {
    const { signIn, auth } = NextAuth(testConfig())
    const to = await redirectOf(signIn('credentials', { username: 'ada', password: 'pw', redirectTo: '/dashboard' }))
    expect(to.href).toBe(`${ORIGIN}/dashboard`)
    expect(nextMock.written.get('authjs.session-token')?.value).toBeTruthy()
    nextMock.headers = new Headers({ cookie: cookieHeader() })
    expect((await auth())?.user?.email).toBe('ada@example.com')
  })

  it('takes FormData (as <form action={...}> gives it), ignoring Next action fields', async () => {
    const seen: Record<string, unknown>[] = []
    const base = testConfig()
    const { signIn } = NextAuth({
      ...base,
      providers: [
        {
          ...(base.providers[0] as object),
          authorize: (c: Record<string, unknown>) => (seen.push(c), c.username === 'ada' ? { id: '1' } : null),
        } as never,
      ],
    })
    const form = new FormData()
    form.set('username', 'ada')
    form.set('password', 'pw')
    form.set('redirectTo', '/after')
    form.set('$ACTION_ID_abc', '')
    expect((await redirectOf(signIn('credentials', form))).pathname).toBe('/after')
    expect(Object.keys(seen[0]!)).not.toContain('$ACTION_ID_abc')
    expect(Object.keys(seen[0]!)).not.toContain('redirectTo')
  })

  it('refused credentials throw CredentialsSignin as Auth.js does (with or without redirect), and set no session', async () => {
    const { signIn } = NextAuth(testConfig())
    const { AuthError, CredentialsSignin } = await import('@latch/core')
    for (const options of [{ username: 'ada', password: 'nope' }, { username: 'ada', password: 'nope', redirect: false }]) {
      const error = await signIn('credentials', options).then(
        () => null,
        (e: unknown) => e,
      )
      expect(error).toBeInstanceOf(CredentialsSignin)
      expect(error).toBeInstanceOf(AuthError)
      expect((error as InstanceType<typeof AuthError>).type).toBe('CredentialsSignin')
    }
    expect(nextMock.written.get('authjs.session-token')).toBeUndefined()
    const good = await signIn('credentials', { username: 'ada', password: 'pw', redirect: false, redirectTo: '/x' })
    expect(good).toBe(`${ORIGIN}/x`)
  })

  it('defaults redirectTo to the Referer; no or unknown provider goes to the sign-in page', async () => {
    const { signIn } = NextAuth(testConfig())
    nextMock.headers = new Headers({ referer: `${ORIGIN}/from-here` })
    const page = await redirectOf(signIn())
    expect(page.pathname).toBe('/api/auth/signin')
    expect(page.searchParams.get('callbackUrl')).toBe(`${ORIGIN}/from-here`)
    expect((await redirectOf(signIn('nope'))).pathname).toBe('/api/auth/signin')
  })

  describe('OIDC (local dev provider)', () => {
    let oidc: DevOidc
    beforeAll(async () => {
      oidc = await startDevOidc({
        clients: [{ client_id: 'next-test', client_secret: 'next-test-secret', redirect_uris: [`${ORIGIN}/api/auth/callback/dev-oidc`] }],
      })
    })
    afterAll(() => oidc?.close())

    it('redirects to the provider with PKCE and state, cookies set; authorizationParams pass through', async () => {
      const { signIn } = NextAuth(
        testConfig({ providers: [OIDC({ id: 'dev-oidc', issuer: oidc.issuer, clientId: 'next-test', clientSecret: 'next-test-secret', allowInsecureRequests: true })] }),
      )
      const to = await redirectOf(signIn('dev-oidc', { redirectTo: '/me' }, { login_hint: 'ada' }))
      expect(to.origin).toBe(oidc.issuer)
      expect(to.searchParams.get('code_challenge')).toBeTruthy()
      expect(to.searchParams.get('login_hint')).toBe('ada')
      expect(to.searchParams.get('redirect_uri')).toBe(`${ORIGIN}/api/auth/callback/dev-oidc`)
      expect([...nextMock.written.keys()].some((k) => k.includes('pkce'))).toBe(true)
      expect(nextMock.written.get('authjs.callback-url')?.value).toBe(`${ORIGIN}/me`)
    })
  })
})

describe('server action signOut and unstable_update', () => {
  it('signOut clears the session cookie and redirects to redirectTo', async () => {
    const { handlers, signOut } = NextAuth(testConfig())
    const jar = await signInJar(handlers)
    nextMock.headers = new Headers({ cookie: jar.header() })
    const to = await redirectOf(signOut({ redirectTo: '/bye' }))
    expect(to.href).toBe(`${ORIGIN}/bye`)
    const cleared = nextMock.written.get('authjs.session-token')
    expect(cleared?.value).toBe('')
    expect(cleared?.options.maxAge).toBe(0)
    nextMock.written.clear()
    expect(await signOut({ redirect: false, redirectTo: '/x' })).toBe(`${ORIGIN}/x`)
  })

  it('unstable_update runs the callbacks with trigger "update" and re-issues the cookie', async () => {
    const { handlers, unstable_update, auth } = NextAuth(
      testConfig({
        callbacks: {
          jwt: ({ token, trigger, session }) => (trigger === 'update' ? { ...token, name: (session as { name: string }).name } : token),
        },
      }),
    )
    const jar = await signInJar(handlers)
    nextMock.headers = new Headers({ cookie: jar.header() })
    const updated = await unstable_update({ name: 'Countess' })
    expect(updated?.user?.name).toBe('Countess')
    nextMock.headers = new Headers({ cookie: cookieHeader() })
    expect((await auth())?.user?.name).toBe('Countess')
  })

  it('server actions skip the CSRF double-submit (Next checks the action origin itself), routes do not', async () => {
    const { handlers } = NextAuth(testConfig())
    const res = await handlers.POST(
      new NextRequest(`${ORIGIN}/api/auth/callback/credentials`, {
        method: 'POST',
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
        body: 'username=ada&password=pw',
      }),
    )
    expect(res.headers.getSetCookie().some((c) => c.startsWith('authjs.session-token=') && !c.includes('Max-Age=0'))).toBe(false)
  })
})
