import { describe, expect, it } from 'vitest'
import Credentials from '../src/providers/credentials.js'
import { CredentialsSignin, type AuthConfig } from '../src/index.js'
import { Browser, SECRET } from './support/client.js'

class WrongPassword extends CredentialsSignin {
  override reason = 'wrong_password'
}

const config: AuthConfig = {
  secret: SECRET,
  url: 'http://app.test',
  providers: [
    Credentials({
      credentials: { username: { label: 'Username' }, password: { label: 'Password', type: 'password' } },
      authorize: async (c) => {
        if (c.username === 'ada' && c.password === 'pw') return { id: 'u1', name: 'Ada', email: 'ada@example.com' }
        if (c.username === 'ada') throw new WrongPassword()
        return null
      },
    }),
  ],
}

describe('credentials sign-in round trip', () => {
  it('signs in, reads the session, signs out', async () => {
    const b = new Browser(config)
    expect(await b.session()).toBeNull()
    const res = await b.signInWithCredentials({ username: 'ada', password: 'pw' }, '/dashboard')
    expect(res.status).toBe(302)
    expect(res.headers.get('location')).toBe('http://app.test/dashboard')
    expect(b.jar.has('authjs.session-token')).toBe(true)
    const session = await b.session()
    expect(session.user).toEqual({ name: 'Ada', email: 'ada@example.com', image: null })
    expect(new Date(session.expires).getTime()).toBeGreaterThan(Date.now())
    const csrfToken = await b.csrf()
    const out = await b.fetch('/auth/signout', { form: { csrfToken } })
    expect(out.status).toBe(302)
    expect(b.jar.has('authjs.session-token')).toBe(false)
    expect(await b.session()).toBeNull()
  })

  it('null from authorize goes to the sign-in page with CredentialsSignin', async () => {
    const b = new Browser(config)
    const res = await b.signInWithCredentials({ username: 'bob', password: 'x' })
    const loc = new URL(res.headers.get('location')!)
    expect(loc.pathname).toBe('/auth/signin')
    expect(loc.searchParams.get('error')).toBe('CredentialsSignin')
    expect(loc.searchParams.get('code')).toBe('credentials')
    expect(b.jar.has('authjs.session-token')).toBe(false)
  })

  it('a thrown CredentialsSignin carries its code to the sign-in page', async () => {
    const b = new Browser(config)
    const res = await b.signInWithCredentials({ username: 'ada', password: 'nope' })
    const loc = new URL(res.headers.get('location')!)
    expect(loc.searchParams.get('error')).toBe('CredentialsSignin')
    expect(loc.searchParams.get('code')).toBe('wrong_password')
  })

  it('refuses a credentials POST without the CSRF token', async () => {
    const b = new Browser(config)
    await b.csrf()
    const res = await b.fetch('/auth/callback/credentials', { form: { username: 'ada', password: 'pw' } })
    expect(res.status).toBe(302)
    expect(new URL(res.headers.get('location')!).searchParams.get('error')).toBe('MissingCSRF')
    expect(b.jar.has('authjs.session-token')).toBe(false)
  })

  it('X-Auth-Return-Redirect answers JSON instead of a redirect', async () => {
    const b = new Browser(config)
    const csrfToken = await b.csrf()
    const res = await b.fetch('/auth/callback/credentials', {
      form: { csrfToken, username: 'ada', password: 'pw' },
      headers: { 'x-auth-return-redirect': '1' },
    })
    expect(res.status).toBe(200)
    expect(await res.json()).toEqual({ url: 'http://app.test/' })
  })
})
