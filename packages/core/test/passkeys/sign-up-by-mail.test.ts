// Passkey sign-up with the address proven by mail (signUp: 'verify-email'): mode defaults, link lifetime and
// single use under concurrency, mails off the response path. The shared suite (definePasskeySuite with `mailbox`)
// checks the same answer for every address through each framework.
import { describe, expect, it } from 'vitest'
import Password, { type PasswordMailParams } from '../../src/providers/password.js'
import type { PasskeyMailParams, WebAuthnOptions } from '../../src/providers/passkey.js'
import { SoftAuthenticator } from '../../src/testing/soft-authenticator.js'
import Passkey from '../../src/providers/passkey.js'
import { passkeyApp, PasskeyBrowser, ORIGIN } from '../support/passkey.js'

type Mail = { kind: string; identifier: string; url: string }

function mailApp(provider: WebAuthnOptions = {}, withPassword = true) {
  const sent: Mail[] = []
  const password = Password({ scrypt: { ln: 4, r: 8, p: 1 }, sendVerificationRequest: (m: PasswordMailParams) => void sent.push({ kind: m.kind, identifier: m.identifier, url: m.url }) })
  const app = passkeyApp({ provider })
  if (withPassword) app.config.providers = [...app.config.providers, password]
  const mail = async (kind: string, to: string) => {
    for (let i = 0; i < 50 && !sent.some((m) => m.kind === kind && m.identifier === to); i++) await new Promise((r) => setTimeout(r, 10))
    const hit = sent.filter((m) => m.kind === kind && m.identifier === to).pop()
    if (!hit) throw new Error(`no ${kind} mail to ${to}`)
    return new URL(hit.url)
  }
  return { ...app, sent, mail }
}

async function linkOptions(b: ReturnType<ReturnType<typeof passkeyApp>['browser']>, link: URL) {
  expect((await b.fetch(link.pathname + link.search)).status).toBe(200)
  const form = { csrfToken: await b.csrf(), token: link.searchParams.get('token')!, email: link.searchParams.get('email')! }
  return b.fetch(link.pathname, { form, headers: { 'x-auth-return-redirect': '1' } })
}

describe('passkeys: sign-up by mail', () => {
  it('is the default next to a Password provider; without a mail sender Auth.js direct sign-up stays; signUp picks', async () => {
    const mailed = mailApp()
    expect(await (await mailed.browser().options({ action: 'register', email: 'a@example.com' })).json()).toMatchObject({ verificationSent: true })
    const direct = mailApp({ signUp: 'direct' })
    expect((await direct.browser().optionsJson({ action: 'register', email: 'a@example.com' })).action).toBe('register')
    const plain = passkeyApp()
    expect((await plain.browser().optionsJson({ action: 'register', email: 'a@example.com' })).action).toBe('register')
    // Its own sender, no Password provider.
    const own: PasskeyMailParams[] = []
    const alone = passkeyApp({ provider: { signUp: 'verify-email', sendVerificationRequest: (m: PasskeyMailParams) => void own.push(m) } })
    expect(await (await alone.browser().options({ action: 'register', email: 'b@example.com' })).json()).toMatchObject({ verificationSent: true })
    await expect.poll(() => own.map((m) => m.kind)).toEqual(['passkey-sign-up'])
    // Off: refused the same way for every address, before any lookup.
    const off = mailApp({ signUp: false })
    await off.adapter.createUser({ id: 'x', email: 'x@example.com', emailVerified: null })
    const refusals = await Promise.all(['x@example.com', 'y@example.com'].map(async (email) => {
      const res = await off.browser().options({ action: 'register', email })
      return { status: res.status, body: await res.json() }
    }))
    expect(refusals[0]!.status).toBeGreaterThanOrEqual(400)
    expect(refusals[0]).toEqual(refusals[1])
  })

  it('a challenge that did not come from a mailed link creates no account (a cookie from direct mode is refused)', async () => {
    const direct = mailApp({ signUp: 'direct' })
    const b = direct.browser()
    const { options } = await b.optionsJson({ action: 'register', email: 'c@example.com' })
    // The app switches to sign-up by mail with the challenge cookie still in the browser.
    const switched = new PasskeyBrowser({ ...direct.config, providers: [Passkey({ signUp: 'verify-email' }), ...direct.config.providers.slice(1)] })
    switched.jar = b.jar
    const res = await switched.post('register', await new SoftAuthenticator().create(options, ORIGIN))
    expect(res.headers.get('location')).toContain('error=InvalidCheck')
    expect(await direct.adapter.getUserByEmail('c@example.com')).toBeNull()
  })

  it('the link expires, works once under 25 concurrent uses, and the account starts with a verified address', async () => {
    const app = mailApp()
    await app.browser().options({ action: 'register', email: 'late@example.com' })
    const late = await app.mail('passkey-sign-up', 'late@example.com')
    app.tick(901)
    const expired = await linkOptions(app.browser(), late)
    expect(new URL(((await expired.json()) as { url: string }).url).searchParams.get('error')).toBe('Verification')

    await app.browser().options({ action: 'register', email: 'race@example.com' })
    const link = await app.mail('passkey-sign-up', 'race@example.com')
    const browsers = Array.from({ length: 25 }, () => app.browser())
    for (const b of browsers) expect((await b.fetch(link.pathname + link.search)).status).toBe(200)
    const tokens = await Promise.all(browsers.map((b) => b.csrf()))
    const answers = await Promise.all(
      browsers.map((b, i) => b.fetch(link.pathname, { form: { csrfToken: tokens[i]!, token: link.searchParams.get('token')!, email: 'race@example.com' }, headers: { 'x-auth-return-redirect': '1' } }).then((r) => r.json() as Promise<{ options?: any }>)),
    )
    const winners = answers.flatMap((a, i) => (a.options ? [i] : []))
    expect(winners).toHaveLength(1)
    const b = browsers[winners[0]!]!
    const res = await b.post('register', await new SoftAuthenticator().create(answers[winners[0]!]!.options, ORIGIN))
    expect(res.status).toBe(302)
    expect((await b.session()).user.email).toBe('race@example.com')
    expect((await app.adapter.getUserByEmail('race@example.com'))?.emailVerified).toBeInstanceOf(Date)
  })

  it('answers before the mail is sent, and the same when sending fails', async () => {
    let release = () => {}
    const held = new Promise<void>((r) => (release = r))
    const errors: unknown[] = []
    const app = passkeyApp({
      provider: {
        signUp: 'verify-email',
        sendVerificationRequest: async (m: PasskeyMailParams) => {
          if (m.identifier.startsWith('fail')) throw new Error('smtp down')
          await held
        },
      },
      config: { logger: { error: (e: unknown) => void errors.push(e), warn() {}, debug() {} } },
    })
    const slow = await app.browser().options({ action: 'register', email: 'slow@example.com' })
    const failing = await app.browser().options({ action: 'register', email: 'fail@example.com' })
    expect([slow.status, failing.status]).toEqual([200, 200])
    expect(await slow.json()).toEqual(await failing.json())
    await expect.poll(() => errors.length).toBe(1)
    release()
  })
})
