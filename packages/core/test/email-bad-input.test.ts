import { describe, expect, it } from 'vitest'
import type { AuthConfig } from '../src/index.js'
import { MemoryAdapter } from '../src/adapters/memory.js'
import { normalizeEmail } from '../src/providers/email.js'
import { Browser, SECRET } from './support/client.js'
import { capturingEmail, openLink } from './support/mail.js'
import { quietLogger } from './support/fake-oauth.js'

function setup() {
  const mail = capturingEmail()
  const config: AuthConfig = { secret: SECRET, url: 'http://app.test', logger: quietLogger, adapter: MemoryAdapter(), providers: [mail.provider], rateLimit: false }
  return { mail, config }
}

describe('email sign-in: hostile input never yields a 500, a mail or a session', () => {
  const jsonBodies: unknown[] = [
    { email: null },
    { email: 42 },
    { email: { toString: 'x' } },
    { email: ['a@b.co'] },
    { email: 'a\u200b@example.com' },
    { email: 'a@exa\u0000mple.com' },
    { email: 'ada@example.com\u202e' },
    { email: 'x'.repeat(60_000) },
    { email: '@example.com' },
    { email: 'ada@' },
    { email: 'ada@.example.com' },
    { email: 'ada@example..com' },
    { email: '.ada@example.com' },
    { email: 'ada@-example.com' },
    { email: 'ada@example.com.' },
    { email: 'ada@[127.0.0.1]' },
    { email: 'ada(comment)@example.com' },
    { email: 'ada@example.com;eve@evil.test' },
    {},
  ]

  it.each(jsonBodies.map((b, i) => [i, b]))('JSON body #%s', async (_i, body) => {
    const { mail, config } = setup()
    const b = new Browser(config)
    const csrfToken = await b.csrf()
    const res = await b.fetch('/auth/signin/email', { json: { csrfToken, ...(body as object) } })
    expect(res.status).toBeLessThan(500)
    expect(res.status).toBe(302)
    expect(new URL(res.headers.get('location')!).searchParams.get('error')).toBe('EmailSignin')
    expect(mail.sent).toHaveLength(0)
  })

  it.each([
    '/auth/callback/email?token=a&token=b&email=a%40b.co',
    '/auth/callback/email?token=%E0%A4%A&email=%ZZ',
    '/auth/callback/email?email[]=x&token[]=y',
    '/auth/callback/email?token=&email=',
  ])('callback %s', async (path) => {
    const { config } = setup()
    const b = new Browser(config)
    // GET shows the confirmation page only for a well-formed link; its POST then refuses the token.
    const res = await openLink(b, `http://app.test${path}`)
    expect(res.status).toBe(302)
    expect(new URL(res.headers.get('location')!).searchParams.get('error')).toBe('Verification')
    expect(b.jar.has('authjs.session-token')).toBe(false)
  })

  it('a POSTed callback with a forged body gets Verification', async () => {
    const { config } = setup()
    const b = new Browser(config)
    const res = await b.fetch('/auth/callback/email', { json: { csrfToken: await b.csrf(), token: { $ne: null }, email: 'a@b.co' } })
    expect(new URL(res.headers.get('location')!).searchParams.get('error')).toBe('Verification')
    const noCsrf = await b.fetch('/auth/callback/email', { json: { token: 'a'.repeat(64), email: 'a@b.co' } })
    expect(new URL(noCsrf.headers.get('location')!).searchParams.get('error')).toBe('MissingCSRF')
    expect(b.jar.has('authjs.session-token')).toBe(false)
  })

  it('normalizeEmail keeps internationalised addresses and apostrophes', () => {
    expect(normalizeEmail("O'Brien@Example.com")).toBe("o'brien@example.com")
    expect(normalizeEmail('JÖRG@bücher.de')).toBe('jörg@xn--bcher-kva.de')
    expect(normalizeEmail('ｊｏｅ＋ｔａｇ@example.com')).toBe('joe+tag@example.com')
  })
})
