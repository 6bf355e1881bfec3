import { describe, expect, it } from 'vitest'
import type { AuthConfig } from '../src/index.js'
import Credentials from '../src/providers/credentials.js'
import { timingSafeEqual } from '../src/tokens/compare.js'
import { readCsrfCookie, mintCsrf } from '../src/tokens/csrf.js'
import { Browser, SECRET } from './support/client.js'

const config: AuthConfig = {
  secret: SECRET,
  url: 'http://app.test',
  providers: [Credentials({ authorize: async () => ({ id: '1', name: 'Ada' }) })],
  callbacks: { jwt: ({ token, trigger, session }) => (trigger === 'update' ? { ...token, name: session?.name ?? token.name } : token) },
}

describe('CSRF double-submit', () => {
  it('GET /csrf reuses a valid cookie and only sets a cookie when minting', async () => {
    const b = new Browser(config)
    const first = await b.fetch('/auth/csrf')
    const { csrfToken } = await first.json()
    expect(first.headers.getSetCookie()).toHaveLength(1)
    const again = await b.fetch('/auth/csrf')
    expect((await again.json()).csrfToken).toBe(csrfToken)
    expect(again.headers.getSetCookie()).toHaveLength(0)
    expect(again.headers.get('cache-control')).toContain('no-store')
  })

  it('a forged cookie (token with a wrong hash) is replaced, not trusted', async () => {
    const b = new Browser(config)
    b.jar.set('authjs.csrf-token', `${'a'.repeat(64)}|${'b'.repeat(64)}`)
    const res = await b.fetch('/auth/csrf')
    expect((await res.json()).csrfToken).not.toBe('a'.repeat(64))
  })

  it('signout, session update and credentials callback all refuse a missing or wrong token', async () => {
    const b = new Browser(config)
    await b.signInWithCredentials({})
    const before = b.jar.get('authjs.session-token')
    const real = await b.csrf()
    const flipped = real.slice(0, -1) + (real.endsWith('0') ? '1' : '0')
    for (const csrfToken of [undefined, '', 'wrong', flipped, real + '0']) {
      const form: Record<string, string> = csrfToken === undefined ? {} : { csrfToken }
      const out = await b.fetch('/auth/signout', { form })
      expect(new URL(out.headers.get('location')!).searchParams.get('error')).toBe('MissingCSRF')
      const upd = await b.fetch('/auth/session', { json: { ...form, data: { name: 'Eve' } } })
      expect(upd.status).toBe(403)
      expect((await upd.json()).error).toBe('MissingCSRF')
    }
    expect(b.jar.get('authjs.session-token')).toBe(before)
    expect((await b.session()).user.name).toBe('Ada')
  })

  it('a token from one browser does not work with another browser cookie', async () => {
    const alice = new Browser(config)
    const eve = new Browser(config)
    const eveToken = await eve.csrf()
    await alice.csrf()
    const res = await alice.fetch('/auth/callback/credentials', { form: { csrfToken: eveToken } })
    expect(new URL(res.headers.get('location')!).searchParams.get('error')).toBe('MissingCSRF')
  })

  it('session update with CSRF runs the jwt callback with trigger "update" and re-issues the cookie', async () => {
    const b = new Browser(config)
    await b.signInWithCredentials({})
    const before = b.jar.get('authjs.session-token')
    const res = await b.fetch('/auth/session', { json: { csrfToken: await b.csrf(), data: { name: 'Ada L.' } } })
    expect(res.status).toBe(200)
    expect((await res.json()).user.name).toBe('Ada L.')
    expect(b.jar.get('authjs.session-token')).not.toBe(before)
    expect((await b.session()).user.name).toBe('Ada L.')
  })

  it('mint/verify: signed with the first secret, verified with any, rejects tampering', async () => {
    const { token, cookieValue } = await mintCsrf(['new', 'old'])
    expect(await readCsrfCookie(cookieValue, ['other', 'new'])).toBe(token)
    expect(await readCsrfCookie(cookieValue, ['old'])).toBeUndefined()
    expect(await readCsrfCookie(cookieValue + '|x', ['new'])).toBeUndefined()
    expect(await readCsrfCookie('garbage', ['new'])).toBeUndefined()
  })

  it('timingSafeEqual compares exactly', () => {
    expect(timingSafeEqual('abc', 'abc')).toBe(true)
    expect(timingSafeEqual('abc', 'abd')).toBe(false)
    expect(timingSafeEqual('abc', 'abcd')).toBe(false)
    expect(timingSafeEqual('', 'a')).toBe(false)
    expect(timingSafeEqual('', '')).toBe(true)
  })
})
