/**
 * Account-level attacks (issue 12): pre-account takeover through an unverified OAuth address, dangerous email
 * linking on anything but an affirmed address, one mailbox under two spellings, magic-link mail bombing through
 * address variants, and login CSRF / mail scanners through the magic link's GET.
 */
import { describe, expect, it } from 'vitest'
import { customFetch, type AuthConfig } from '../../src/index.js'
import type { Adapter } from '../../src/adapters/types.js'
import { MemoryAdapter } from '../../src/adapters/memory.js'
import GitHub from '../../src/providers/github.js'
import OIDC from '../../src/providers/oidc.js'
import { mapUser } from '../../src/oauth/profile.js'
import { Browser, appSecret } from '../support/client.js'
import { combinedFetch, fakeOAuth, quietLogger } from '../support/fake-oauth.js'
import { capturingEmail, openLink, requestLink, viewLink } from '../support/mail.js'

const COOKIE = 'authjs.session-token'
const loc = (res: Response) => new URL(res.headers.get('location')!)

function setup(extra: Partial<AuthConfig> = {}) {
  const adapter = MemoryAdapter() as Required<Adapter>
  const idp = fakeOAuth('idp')
  const trusting = fakeOAuth('trusting', { allowDangerousEmailAccountLinking: true })
  const mail = capturingEmail()
  const config: AuthConfig = {
    secret: appSecret(),
    url: 'http://app.test',
    logger: quietLogger,
    adapter,
    rateLimit: false,
    providers: [idp.provider, trusting.provider, mail.provider],
    [customFetch]: combinedFetch(idp, trusting),
    ...extra,
  }
  return { adapter, idp, trusting, mail, config }
}

async function userOf(adapter: Required<Adapter>, b: Browser): Promise<string | undefined> {
  return (await adapter.getSessionAndUser(b.jar.get(COOKIE)!))?.user.id
}

describe('pre-account takeover', () => {
  for (const claim of [false, 'false', undefined, null, 'true', 1]) {
    it(`an IdP asserting the victim's address with email_verified ${JSON.stringify(claim)} gets no foothold in the victim's magic-link account`, async () => {
      const { adapter, idp, mail, config } = setup()
      const attacker = new Browser(config)
      await idp.signIn(attacker, { id: 'evil', email: 'victim@example.com', email_verified: claim })
      const squatter = (await adapter.getUserByAccount({ provider: 'idp', providerAccountId: 'evil' }))!
      expect(squatter.emailVerified).toBeNull()

      const victim = new Browser(config)
      await requestLink(victim, 'victim@example.com')
      expect(loc(await openLink(victim, mail.last().url)).pathname).toBe('/')
      const victimId = await userOf(adapter, victim)
      expect(victimId).toBeDefined()
      expect(victimId).not.toBe(squatter.id)

      // The attacker signs in again with the IdP: they are in their own user, not the victim's.
      const again = new Browser(config)
      await idp.signIn(again, { id: 'evil', email: 'victim@example.com', email_verified: claim })
      expect(await userOf(adapter, again)).toBe(squatter.id)
      expect((await adapter.getUserByEmail('victim@example.com'))!.id).toBe(victimId)
    })
  }

  it("an affirmed OAuth sign-in is not put into an unproven holder's user either", async () => {
    const { adapter, idp, trusting, config } = setup()
    await idp.signIn(new Browser(config), { id: 'evil', email: 'victim@example.com' })
    const squatter = (await adapter.getUserByAccount({ provider: 'idp', providerAccountId: 'evil' }))!
    const victim = new Browser(config)
    expect(loc(await trusting.signIn(victim, { id: 'good', email: 'victim@example.com', email_verified: true })).pathname).toBe('/dashboard')
    expect(await userOf(adapter, victim)).not.toBe(squatter.id)
  })

  it('emailVerified on an OAuth-created user comes only from an IdP that affirms the address', async () => {
    const { adapter, idp, config } = setup()
    for (const [i, claim] of [true, 'true', 1, 'yes', false, null, undefined].entries()) {
      await idp.signIn(new Browser(config), { id: `u${i}`, email: `u${i}@example.com`, email_verified: claim })
      const user = (await adapter.getUserByAccount({ provider: 'idp', providerAccountId: `u${i}` }))!
      if (claim === true) expect(user.emailVerified).toBeInstanceOf(Date)
      else expect(user.emailVerified, JSON.stringify(claim)).toBeNull()
    }
  })

  it('a custom profile() can only affirm with a Date; the OIDC default needs the boolean true', async () => {
    const oidc = OIDC({ id: 'o', issuer: 'https://o.test', clientId: 'c', clientSecret: 's' })
    expect((await mapUser(oidc, { sub: '1', email: 'a@b.example', email_verified: 'true' }, {}, 0)).user.emailVerified).toBeNull()
    expect((await mapUser(oidc, { sub: '1', email: 'a@b.example', email_verified: true }, {}, 0)).user.emailVerified).toBeInstanceOf(Date)
    const loose = { ...oidc, profile: () => ({ id: '1', email: 'a@b.example', emailVerified: true as never }) }
    expect((await mapUser(loose, { sub: '1' }, {}, 0)).user.emailVerified).toBeNull()
  })

  it("GitHub affirms only an address /user/emails lists as verified, never the public profile email alone", async () => {
    const gh = GitHub({ clientId: 'c', clientSecret: 's' })
    const request = (gh.userinfo as { request: Function }).request
    const fetcher = (emails: unknown) => (async (url: string) =>
      url.endsWith('/user') ? Response.json({ id: 1, login: 'eve', email: 'victim@example.com', avatar_url: '' }) : Response.json(emails)) as unknown as typeof fetch
    for (const [emails, verified] of [
      [[{ email: 'victim@example.com', primary: true, verified: false }], false],
      [[{ email: 'eve@example.com', primary: true, verified: true }], false],
      [{ message: 'forbidden' }, false],
      [[{ email: 'victim@example.com', primary: true, verified: true }], true],
    ] as const) {
      const raw = await request({ tokens: { access_token: 'at' }, provider: gh, fetch: fetcher(emails) })
      const { user } = await mapUser(gh as never, raw, {}, 0)
      expect(user.emailVerified instanceof Date, JSON.stringify(emails)).toBe(verified)
    }
  })
})

describe('allowDangerousEmailAccountLinking', () => {
  for (const claim of ['false', 0, null, 'no', undefined, 'true', 1, false]) {
    it(`refuses to link when email_verified is ${JSON.stringify(claim)}`, async () => {
      const { adapter, trusting, mail, config } = setup()
      const owner = new Browser(config)
      await requestLink(owner, 'ada@example.com')
      await openLink(owner, mail.last().url)
      const c = new Browser(config)
      const res = await trusting.signIn(c, { id: 'x', email: 'ada@example.com', email_verified: claim })
      expect(loc(res).searchParams.get('error')).toBe('OAuthAccountNotLinked')
      expect(c.jar.has(COOKIE)).toBe(false)
      expect(await adapter.getUserByAccount({ provider: 'trusting', providerAccountId: 'x' })).toBeNull()
    })
  }

  it('links when the IdP says true (boolean)', async () => {
    const { adapter, trusting, mail, config } = setup()
    const owner = new Browser(config)
    await requestLink(owner, 'ada@example.com')
    await openLink(owner, mail.last().url)
    await trusting.signIn(new Browser(config), { id: 'x', email: 'ada@example.com', email_verified: true })
    expect((await adapter.getUserByAccount({ provider: 'trusting', providerAccountId: 'x' }))!.id).toBe((await adapter.getUserByEmail('ada@example.com'))!.id)
  })
})

describe('one mailbox, two spellings', () => {
  it('a Unicode and a punycode domain are one account (magic link)', async () => {
    const { adapter, mail, config } = setup()
    const ids: (string | undefined)[] = []
    for (const spelling of ['user@bücher.example', 'user@xn--bcher-kva.example', 'USER@BÜCHER.EXAMPLE', 'user@bu\u0308cher.example']) {
      const b = new Browser(config)
      await requestLink(b, spelling)
      expect(mail.last().identifier).toBe('user@xn--bcher-kva.example')
      expect(loc(await openLink(b, mail.last().url)).pathname).toBe('/')
      ids.push(await userOf(adapter, b))
    }
    expect(new Set(ids).size).toBe(1)
  })

  it('an OAuth address in the other spelling finds the same user (linking and lookup)', async () => {
    const { adapter, trusting, mail, config } = setup()
    const owner = new Browser(config)
    await requestLink(owner, 'user@xn--bcher-kva.example')
    await openLink(owner, mail.last().url)
    const c = new Browser(config)
    await trusting.signIn(c, { id: 'x', email: 'User@Bücher.example', email_verified: true })
    expect(await userOf(adapter, c)).toBe(await userOf(adapter, owner))
  })

  it('an OAuth-created user stores the one spelling', async () => {
    const { adapter, idp, config } = setup()
    await idp.signIn(new Browser(config), { id: 'x', email: 'Ada@BÜCHER.example', email_verified: true })
    expect((await adapter.getUserByAccount({ provider: 'idp', providerAccountId: 'x' }))!.email).toBe('ada@xn--bcher-kva.example')
  })

  it('still refuses ambiguous and invalid domains', async () => {
    const { mail, config } = setup()
    for (const bad of ['a@xn--.example', 'a@b.123', 'a@-bücher.example', 'a@b\u200b.example', 'a@1.2.3.4']) {
      const res = await requestLink(new Browser(config), bad)
      expect(loc(res).searchParams.get('error'), bad).toBe('EmailSignin')
    }
    expect(mail.sent).toHaveLength(0)
  })
})

describe('magic-link mail bombing', () => {
  it('address variants of one mailbox share one send budget; the sent address is unchanged', async () => {
    const { mail, config } = setup({ rateLimit: { identifier: { max: 3, windowSeconds: 600 }, ip: false } })
    const variants = ['victim@gmail.com', 'victim+1@gmail.com', 'v.i.c.t.i.m@gmail.com', 'VICTIM+x@GMAIL.COM', 'victim@googlemail.com', 'victim+2@gmail.com']
    const statuses: number[] = []
    for (const v of variants) statuses.push((await requestLink(new Browser(config), v)).status)
    expect(mail.sent.map((m) => m.identifier)).toEqual(['victim@gmail.com', 'victim+1@gmail.com', 'v.i.c.t.i.m@gmail.com'])
    expect(statuses.slice(3)).toEqual([429, 429, 429])
  })

  it('IDN spellings of one mailbox share one budget', async () => {
    const { mail, config } = setup({ rateLimit: { identifier: { max: 2, windowSeconds: 600 }, ip: false } })
    for (const v of ['a+1@bücher.example', 'a+2@xn--bcher-kva.example', 'A.+3@BÜCHER.example', 'a@bu\u0308cher.example']) await requestLink(new Browser(config), v)
    expect(mail.sent).toHaveLength(2)
  })

  it('one client gets one budget across many mailboxes', async () => {
    const { mail, config } = setup({ rateLimit: { identifier: false, ip: { max: 3, windowSeconds: 600 }, clientIp: () => '203.0.113.7' } })
    for (let i = 0; i < 6; i++) await requestLink(new Browser(config), `person${i}@example.com`)
    expect(mail.sent).toHaveLength(3)
  })
})

describe('login CSRF and mail scanners through the magic link', () => {
  it('GET shows a confirmation page, sets no session and consumes nothing', async () => {
    const { mail, config } = setup()
    await requestLink(new Browser(config), 'attacker@example.com')
    // A scanner (or the victim's browser sent by an attacker) opens the link, twice.
    for (let i = 0; i < 2; i++) {
      const scanner = new Browser(config)
      const res = await viewLink(scanner, mail.last().url)
      expect(res.status).toBe(200)
      expect(scanner.jar.has(COOKIE)).toBe(false)
      const page = await res.text()
      expect(page).toContain('Sign in as <strong>attacker@example.com</strong>')
      expect(page).toMatch(/<form action="http:\/\/app\.test\/auth\/callback\/email" method="POST">/)
      expect(page).not.toMatch(/<script/i)
      expect(res.headers.get('content-security-policy')).toContain("default-src 'none'")
      expect(res.headers.get('cache-control')).toContain('no-store')
      expect(res.headers.get('referrer-policy')).toBe('no-referrer')
    }
    // The link still works for the person who asked for it.
    const owner = new Browser(config)
    expect(loc(await openLink(owner, mail.last().url)).pathname).toBe('/')
    expect(owner.jar.has(COOKIE)).toBe(true)
  })

  it('a POST without the page\'s CSRF token (a cross-site form) signs nobody in and leaves the link usable', async () => {
    const { mail, config } = setup()
    await requestLink(new Browser(config), 'attacker@example.com')
    const link = new URL(mail.last().url)
    const victim = new Browser(config)
    for (const form of <Record<string, string>[]>[
      { token: link.searchParams.get('token')!, email: link.searchParams.get('email')! },
      { token: link.searchParams.get('token')!, email: link.searchParams.get('email')!, csrfToken: 'forged' },
    ]) {
      const res = await victim.fetch('/auth/callback/email', { form })
      expect(res.status).toBeLessThan(500)
      expect(victim.jar.has(COOKIE)).toBe(false)
    }
    expect(loc(await openLink(new Browser(config), mail.last().url)).pathname).toBe('/')
  })

  it('escapes the address on the page and refuses markup in it', async () => {
    const { config } = setup()
    const ok = await viewLink(new Browser(config), `http://app.test/auth/callback/email?token=abcdefabcdefabcdef&email=${encodeURIComponent("a&b'c@x.example")}`)
    expect(ok.status).toBe(200)
    const page = await ok.text()
    expect(page).toContain('a&amp;b&#39;c@x.example')
    expect(page).not.toContain("a&b'c")
    const bad = await viewLink(new Browser(config), 'http://app.test/auth/callback/email?token=abcdefabcdefabcdef&email=%22%3E%3Cscript%3E%40x.example')
    expect(bad.status).toBe(302)
    expect(loc(bad).searchParams.get('error')).toBe('Verification')
  })

  it('a JSON client completes the sign-in with csrfToken, token and email', async () => {
    const { mail, config } = setup()
    const b = new Browser(config)
    await requestLink(b, 'ada@example.com')
    const link = new URL(mail.last().url)
    const res = await b.fetch('/auth/callback/email', { json: { csrfToken: await b.csrf(), token: link.searchParams.get('token'), email: link.searchParams.get('email') } })
    expect(loc(res).pathname).toBe('/')
    expect(b.jar.has(COOKIE)).toBe(true)
  })
})
