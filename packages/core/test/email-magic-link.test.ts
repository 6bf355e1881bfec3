import { describe, expect, it } from 'vitest'
import type { AuthConfig } from '../src/index.js'
import type { Adapter, VerificationToken } from '../src/adapters/types.js'
import { MemoryAdapter } from '../src/adapters/memory.js'
import { magicLinkEmail } from '../src/providers/email.js'
import { appSecret, Browser } from './support/client.js'
import { capturingEmail, openLink, requestLink } from './support/mail.js'
import { quietLogger } from './support/fake-oauth.js'

function setup(extra: Partial<AuthConfig> = {}, providerOptions = {}) {
  const adapter = MemoryAdapter()
  const stored: VerificationToken[] = []
  const spied: Adapter = {
    ...adapter,
    createVerificationToken: (t) => {
      stored.push(t)
      return adapter.createVerificationToken(t)
    },
  }
  const mail = capturingEmail(providerOptions)
  const events: string[] = []
  const config: AuthConfig = {
    secret: appSecret(),
    url: 'http://app.test',
    logger: quietLogger,
    adapter: spied,
    providers: [mail.provider],
    events: { createUser: () => void events.push('createUser'), signIn: ({ isNewUser }) => void events.push(`signIn:${isNewUser}`) },
    ...extra,
  }
  return { adapter, stored, mail, events, config }
}

const loc = (res: Response) => new URL(res.headers.get('location')!)

describe('email magic links', () => {
  it('sends a link, stores only a hash, and signs in with a database session', async () => {
    const { adapter, stored, mail, events, config } = setup()
    const b = new Browser(config)
    const res = await requestLink(b, ' Ada@Example.COM ', { callbackUrl: '/welcome' })
    expect(res.status).toBe(302)
    expect(loc(res).pathname).toBe('/auth/verify-request')
    expect(mail.sent).toHaveLength(1)
    const link = new URL(mail.last().url)
    expect(link.origin + link.pathname).toBe('http://app.test/auth/callback/email')
    expect(link.searchParams.get('email')).toBe('ada@example.com')
    expect(link.searchParams.get('callbackUrl')).toBe('http://app.test/welcome')
    const token = link.searchParams.get('token')!
    expect(token).toMatch(/^[0-9a-f]{64}$/)
    expect(stored).toHaveLength(1)
    expect(stored[0]!.identifier).toBe('ada@example.com')
    expect(stored[0]!.token).not.toBe(token)
    expect(stored[0]!.token).toMatch(/^[0-9a-f]{64}$/)

    const done = await openLink(b, mail.last().url)
    expect(done.status).toBe(302)
    expect(done.headers.get('location')).toBe('http://app.test/welcome')
    const cookie = b.jar.get('authjs.session-token')!
    expect(cookie).toMatch(/^[0-9a-f]{64}$/)
    const session = await b.session()
    expect(session.user.email).toBe('ada@example.com')
    const user = await adapter.getUserByEmail('ada@example.com')
    expect(user!.emailVerified).toBeInstanceOf(Date)
    expect(events).toEqual(['createUser', 'signIn:true'])
  })

  it('builds the link from the configured URL, never from the request Host', async () => {
    const { mail, config } = setup({ trustHost: true })
    const b = new Browser(config, 'http://evil.test')
    await requestLink(b, 'ada@example.com', {}, 'email')
    expect(new URL(mail.last().url).origin).toBe('http://app.test')
    const b2 = new Browser({ ...config }, 'http://app.test')
    const csrfToken = await b2.csrf()
    await b2.fetch('/auth/signin/email', { form: { csrfToken, email: 'ada@example.com' }, headers: { 'x-forwarded-host': 'evil.test' } })
    expect(new URL(mail.last().url).origin).toBe('http://app.test')
  })

  it('normalizes NFKC first, then lower-case', async () => {
    const { mail, config } = setup()
    const b = new Browser(config)
    await requestLink(b, 'ＡＤＡ@ＥＸＡＭＰＬＥ.ｃｏｍ')
    expect(mail.last().identifier).toBe('ada@example.com')
  })

  it.each([
    ['two at signs', 'a@b@example.com'],
    ['no at sign', 'ada.example.com'],
    ['a quoted local part', '"ada"@example.com'],
    ['a comma', 'ada@example.com,eve@evil.test'],
    ['a full-width at sign', 'ada＠example.com'],
    ['a small at sign', 'ada﹫example.com'],
    ['a newline', 'ada@example.com\nBcc: eve@evil.test'],
    ['a space', 'ada lovelace@example.com'],
    ['html', '<img src=x>@example.com'],
    ['an empty string', ''],
    ['a domain without a dot', 'ada@localhost'],
    ['an overlong address', `${'a'.repeat(300)}@example.com`],
  ])('refuses %s without sending anything', async (_label, email) => {
    const { mail, stored, config } = setup()
    const b = new Browser(config)
    const res = await requestLink(b, email)
    expect(res.status).toBe(302)
    expect(loc(res).pathname).toBe('/auth/signin')
    expect(loc(res).searchParams.get('error')).toBe('EmailSignin')
    expect(mail.sent).toHaveLength(0)
    expect(stored).toHaveLength(0)
  })

  it('refuses a non-string email in a JSON body and a repeated form field', async () => {
    const { mail, config } = setup()
    const b = new Browser(config)
    const csrfToken = await b.csrf()
    const json = await b.fetch('/auth/signin/email', { json: { csrfToken, email: ['ada@example.com'] } })
    expect(loc(json).searchParams.get('error')).toBe('EmailSignin')
    const body = new URLSearchParams([['csrfToken', csrfToken], ['email', 'ada@example.com'], ['email', 'eve@evil.test']])
    const form = await b.fetch('/auth/signin/email', { body: body.toString(), headers: { 'content-type': 'application/x-www-form-urlencoded' } })
    expect(loc(form).searchParams.get('error')).toBe('EmailSignin')
    expect(mail.sent).toHaveLength(0)
  })

  it('a link works once; a reused link gives Verification', async () => {
    const { mail, config } = setup()
    const b = new Browser(config)
    await requestLink(b, 'ada@example.com')
    expect((await openLink(b, mail.last().url)).status).toBe(302)
    const again = await openLink(new Browser(config), mail.last().url)
    expect(loc(again).pathname).toBe('/auth/error')
    expect(loc(again).searchParams.get('error')).toBe('Verification')
  })

  it('two concurrent callbacks with one token yield exactly one session', async () => {
    const { adapter, mail, config } = setup()
    await requestLink(new Browser(config), 'ada@example.com')
    const browsers = Array.from({ length: 6 }, () => new Browser(config))
    const results = await Promise.all(browsers.map((b) => openLink(b, mail.last().url)))
    const ok = results.filter((r) => r.headers.get('location') === 'http://app.test/')
    expect(ok).toHaveLength(1)
    expect(browsers.filter((b) => b.jar.has('authjs.session-token'))).toHaveLength(1)
    const user = await adapter.getUserByEmail('ada@example.com')
    expect(await adapter.listSessions(user!.id)).toHaveLength(1)
  })

  it('matches identifier AND token: a link with another email fails and leaves the token usable', async () => {
    const { mail, config } = setup()
    const b = new Browser(config)
    await requestLink(b, 'ada@example.com')
    const forged = new URL(mail.last().url)
    forged.searchParams.set('email', 'eve@evil.test')
    const res = await openLink(b, forged.href)
    expect(loc(res).searchParams.get('error')).toBe('Verification')
    expect(b.jar.has('authjs.session-token')).toBe(false)
    expect((await openLink(b, mail.last().url)).headers.get('location')).toBe('http://app.test/')
  })

  it('an expired link gives Verification', async () => {
    let now = 1_800_000_000
    const { mail, config } = setup({ clock: () => now }, { maxAge: 600 })
    const b = new Browser(config)
    await requestLink(b, 'ada@example.com')
    now += 601
    const res = await openLink(b, mail.last().url)
    expect(loc(res).searchParams.get('error')).toBe('Verification')
    expect(b.jar.has('authjs.session-token')).toBe(false)
  })

  it.each([
    ['no token', '/auth/callback/email?email=ada%40example.com'],
    ['no email', '/auth/callback/email?token=abc'],
    ['a huge token', `/auth/callback/email?email=a%40b.co&token=${'a'.repeat(600)}`],
    ['a random token', '/auth/callback/email?email=ada%40example.com&token=deadbeef'],
  ])('a callback with %s gives Verification, never a session', async (_l, path) => {
    const { config } = setup()
    const b = new Browser(config)
    // The GET cannot tell a random token from a real one without consuming it: the page's POST refuses it.
    const res = await openLink(b, `http://app.test${path}`)
    expect(res.status).toBe(302)
    expect(loc(res).searchParams.get('error')).toBe('Verification')
    expect(b.jar.has('authjs.session-token')).toBe(false)
  })

  it('signIn callback false refuses before any email goes out', async () => {
    const seen: unknown[] = []
    const { mail, config } = setup({
      callbacks: { signIn: ({ email }) => (seen.push(email), false) },
    })
    const res = await requestLink(new Browser(config), 'ada@example.com')
    expect(loc(res).searchParams.get('error')).toBe('AccessDenied')
    expect(seen).toEqual([{ verificationRequest: true }])
    expect(mail.sent).toHaveLength(0)
  })

  it('a failing sender gives EmailSignin', async () => {
    const { config } = setup()
    const provider = { ...(config.providers[0] as object), sendVerificationRequest: async () => { throw new Error('smtp down') } }
    const res = await requestLink(new Browser({ ...config, providers: [provider as never] }), 'ada@example.com')
    expect(loc(res).pathname).toBe('/auth/signin')
    expect(loc(res).searchParams.get('error')).toBe('EmailSignin')
  })

  it('the default email never renders the address as HTML', () => {
    const url = 'http://app.test/auth/callback/email?token=t&email=%3Cb%3Eada%40example.com'
    const m = magicLinkEmail({ url })
    expect(m.html).not.toContain('<b>')
    expect(m.html).not.toContain('ada@example.com')
    expect(m.text).not.toContain('ada@example.com')
    expect(m.subject).toBe('Sign in to app.test')
  })

  it('an existing user signs in (emailVerified set, not new)', async () => {
    const { adapter, mail, events, config } = setup()
    await adapter.createUser({ id: 'u-ada', email: 'ada@example.com', emailVerified: new Date(0), name: 'Ada' })
    const b = new Browser(config)
    await requestLink(b, 'ada@example.com')
    await openLink(b, mail.last().url)
    expect((await b.session()).user.name).toBe('Ada')
    expect((await adapter.getUser('u-ada'))!.emailVerified!.getTime()).toBeGreaterThan(0)
    expect(events).toEqual(['signIn:false'])
  })

  it('works with JWT sessions too', async () => {
    const { mail, config } = setup({ session: { strategy: 'jwt' } })
    const b = new Browser(config)
    await requestLink(b, 'ada@example.com')
    await openLink(b, mail.last().url)
    expect(b.jar.get('authjs.session-token')!.split('.')).toHaveLength(5)
    expect((await b.session()).user.email).toBe('ada@example.com')
  })

  it('without an adapter the email provider is a configuration error', async () => {
    const { config } = setup()
    const res = await requestLink(new Browser({ ...config, adapter: undefined }), 'ada@example.com')
    expect(loc(res).searchParams.get('error')).toBe('Configuration')
  })
})
