import { describe, expect, it } from 'vitest'
import { skipCSRFCheck, type AuthConfig } from '../src/index.js'
import Credentials from '../src/providers/credentials.js'
import { Browser, SECRET } from './support/client.js'

const providers = [Credentials({ authorize: async () => ({ id: '1', name: 'Ada' }) })]

describe('config options', () => {
  it('useSecureCookies: false keeps plain names on https; true forces prefixes on http', async () => {
    const insecure = new Browser({ secret: SECRET, url: 'https://app.test', useSecureCookies: false, providers }, 'https://app.test')
    await insecure.signInWithCredentials({})
    expect([...insecure.jar.keys()].sort()).toEqual(['authjs.csrf-token', 'authjs.session-token'])
    const secure = new Browser({ secret: SECRET, url: 'http://app.test', useSecureCookies: true, providers })
    const res = await secure.fetch('/auth/csrf')
    expect(res.headers.getSetCookie()[0]).toMatch(/^__Host-authjs\.csrf-token=.*; Secure/)
  })

  it('cookies: a renamed session cookie with a domain is used for reads and writes', async () => {
    const config: AuthConfig = {
      secret: SECRET,
      url: 'http://app.test',
      providers,
      cookies: { sessionToken: { name: 'my-session', options: { domain: 'app.test', sameSite: 'strict' } } },
    }
    const b = new Browser(config)
    const res = await b.signInWithCredentials({})
    const set = res.headers.getSetCookie().find((c) => c.startsWith('my-session='))!
    expect(set).toContain('Domain=app.test')
    expect(set).toContain('SameSite=Strict')
    expect(set).toContain('HttpOnly')
    expect((await b.session()).user.name).toBe('Ada')
  })

  it('skipCSRFCheck (the symbol, not a truthy value) turns the check off', async () => {
    const off = new Browser({ secret: SECRET, url: 'http://app.test', providers, skipCSRFCheck })
    const res = await off.fetch('/auth/callback/credentials', { form: {} })
    expect(new URL(res.headers.get('location')!).pathname).toBe('/')
    expect(off.jar.has('authjs.session-token')).toBe(true)
    const truthy = new Browser({ secret: SECRET, url: 'http://app.test', providers, skipCSRFCheck: true as never })
    const res2 = await truthy.fetch('/auth/callback/credentials', { form: {} })
    expect(new URL(res2.headers.get('location')!).searchParams.get('error')).toBe('MissingCSRF')
  })

  it('session.maxAge sets the cookie expiry and the session expires', async () => {
    const b = new Browser({ secret: SECRET, url: 'http://app.test', providers, session: { maxAge: 120 } })
    const res = await b.signInWithCredentials({})
    const set = res.headers.getSetCookie().find((c) => c.startsWith('authjs.session-token='))!
    const expires = new Date(/Expires=([^;]+)/.exec(set)![1]!).getTime()
    expect(Math.abs(expires - (Date.now() + 120_000))).toBeLessThan(5_000)
    const s = await b.session()
    expect(Math.abs(new Date(s.expires).getTime() - (Date.now() + 120_000))).toBeLessThan(5_000)
  })

  it('the signIn callback: false denies, a string redirects, neither sets a session', async () => {
    const deny = new Browser({ secret: SECRET, url: 'http://app.test', providers, callbacks: { signIn: () => false } })
    const r1 = await deny.signInWithCredentials({})
    expect(r1.headers.get('location')).toBe('http://app.test/auth/error?error=AccessDenied')
    expect(deny.jar.has('authjs.session-token')).toBe(false)
    const elsewhere = new Browser({ secret: SECRET, url: 'http://app.test', providers, callbacks: { signIn: () => '/onboarding' } })
    const r2 = await elsewhere.signInWithCredentials({})
    expect(r2.headers.get('location')).toBe('http://app.test/onboarding')
    expect(elsewhere.jar.has('authjs.session-token')).toBe(false)
  })

  it('events.signIn and events.signOut receive the user and token', async () => {
    const seen: string[] = []
    const b = new Browser({
      secret: SECRET,
      url: 'http://app.test',
      providers,
      events: { signIn: ({ user }) => void seen.push(`in:${user.name}`), signOut: (m) => void seen.push(`out:${'token' in m ? m.token?.name : ''}`) },
    })
    await b.signInWithCredentials({})
    await b.fetch('/auth/signout', { form: { csrfToken: await b.csrf() } })
    expect(seen).toEqual(['in:Ada', 'out:Ada'])
  })
})
