import { describe, expect, it } from 'vitest'
import type { AuthConfig } from '../../src/index.js'
import { MemoryAdapter } from '../../src/adapters/memory.js'
import { Browser, SECRET } from '../support/client.js'
import { capturingEmail, openLink, requestLink } from '../support/mail.js'
import { quietLogger } from '../support/fake-oauth.js'

/** Named regressions for magic-link sign-in (see SECURITY.md). */
const APP = 'https://app.example.com'

function setup(extra: Partial<AuthConfig> = {}) {
  const adapter = MemoryAdapter()
  const mail = capturingEmail()
  const config: AuthConfig = { secret: SECRET, url: APP, logger: quietLogger, adapter, providers: [mail.provider], ...extra }
  return { adapter, mail, config }
}

const signedIn = (b: Browser) => [...b.jar.keys()].some((k) => k.includes('session-token'))

describe('email sign-in attacks', () => {
  it('a token is matched on identifier AND token: a valid token with another email signs nobody in', async () => {
    const { mail, config } = setup()
    const attacker = new Browser(config, APP)
    await requestLink(attacker, 'attacker@attacker.com')
    const link = new URL(mail.last().url)
    link.searchParams.set('email', 'victim@victim.com')
    const res = await openLink(attacker, link.href)
    expect(new URL(res.headers.get('location')!).searchParams.get('error')).toBe('Verification')
    expect(signedIn(attacker)).toBe(false)
  })

  it('lookup by identifier only is not enough: the right email with a wrong token fails', async () => {
    const { mail, config } = setup()
    const b = new Browser(config, APP)
    await requestLink(b, 'victim@victim.com')
    const link = new URL(mail.last().url)
    for (const token of ['', 'x', link.searchParams.get('token')!.slice(0, -1)]) {
      link.searchParams.set('token', token)
      const res = await openLink(b, link.href)
      expect(res.status).toBeLessThan(500)
      expect(signedIn(b)).toBe(false)
    }
  })

  it('the wrong-identifier attempt does not burn the victim’s token', async () => {
    const { mail, config } = setup()
    const b = new Browser(config, APP)
    await requestLink(b, 'victim@victim.com')
    const good = mail.last().url
    const forged = new URL(good)
    forged.searchParams.set('email', 'attacker@attacker.com')
    await openLink(new Browser(config, APP), forged.href)
    await openLink(b, good)
    expect(signedIn(b)).toBe(true)
  })

  it('concurrent double use of one token yields exactly one session', async () => {
    const { mail, config } = setup()
    await requestLink(new Browser(config, APP), 'ada@example.com')
    const url = mail.last().url
    const browsers = Array.from({ length: 8 }, () => new Browser(config, APP))
    await Promise.all(browsers.map((b) => openLink(b, url)))
    expect(browsers.filter(signedIn)).toHaveLength(1)
  })

  for (const [name, address] of [
    ['HTML in the address', '<img src=x onerror=alert(1)>@example.com'],
    ['two recipients with a comma', 'a@attacker.com,victim@victim.com'],
    ['a quoted local part holding another address', '"e@attacker.com"@victim.com'],
    ['the full-width at sign', 'victim＠victim.com'],
    ['the small at sign', 'victim﹫victim.com'],
    ['two at signs', 'a@b@victim.com'],
    ['a newline header injection', 'a@example.com\r\nBcc: victim@victim.com'],
  ] as const) {
    it(`refuses ${name} without sending anything`, async () => {
      const { mail, config } = setup()
      const b = new Browser(config, APP)
      const res = await requestLink(b, address)
      expect(res.status).toBeLessThan(500)
      const loc = new URL(res.headers.get('location')!)
      expect(loc.origin).toBe(APP)
      expect(loc.searchParams.get('error')).toBe('EmailSignin')
      expect(mail.sent).toHaveLength(0)
    })
  }

  it('the magic link uses AUTH_URL, whatever X-Forwarded-Host says', async () => {
    const { mail, config } = setup({ trustHost: true })
    const b = new Browser(config, APP)
    const csrfToken = await b.csrf()
    await b.fetch('/auth/signin/email', { form: { csrfToken, email: 'ada@example.com' }, headers: { 'x-forwarded-host': 'evil.example', 'x-forwarded-proto': 'https' } })
    expect(new URL(mail.last().url).origin).toBe(APP)
  })

  it('the sent link never carries the raw address into HTML', async () => {
    const { mail, config } = setup()
    await requestLink(new Browser(config, APP), "o'brien+tag@example.com")
    expect(mail.last().identifier).toBe("o'brien+tag@example.com")
    const { magicLinkEmail } = await import('../../src/providers/email.js')
    expect(magicLinkEmail({ url: mail.last().url }).html).not.toContain("o'brien")
  })
})
