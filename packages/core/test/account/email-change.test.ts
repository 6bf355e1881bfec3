import { describe, expect, it } from 'vitest'
import { confirmationForm } from '../../src/testing/magic-link.js'
import { capturingEmail } from '../support/mail.js'
import { Browser, overview, post, setup, signIn, submit } from './support.js'

const loc = (res: Response) => new URL(res.headers.get('location')!)

/** GET the link's confirmation page in `b`, then press its button (form POST, as a browser). */
async function follow(b: Browser, url: string): Promise<Response> {
  const u = new URL(url)
  const page = await b.fetch(u.pathname + u.search, { headers: { accept: 'text/html' } })
  expect(page.status).toBe(200)
  const form = confirmationForm(await page.text())!
  return b.fetch(new URL(form.action).pathname, { form: form.fields, headers: { accept: 'text/html' } })
}

describe.each(['database', 'jwt'] as const)('account: changing the e-mail address (%s sessions)', (strategy) => {
  it('applies only when the link sent to the new address is followed; the old address is told; single use', async () => {
    const { config, adapter, alpha, mails, events } = setup(strategy)
    const b = await signIn(config, alpha, { id: 'a-1', email: 'ada@example.com', email_verified: true })
    const res = await post(b, 'email', { email: 'Ada.New@Example.COM' })
    expect(res.status).toBe(200)
    expect(await res.json()).toMatchObject({ ok: true, sent: true })
    expect(mails).toHaveLength(1)
    const mail = mails[0]!
    expect(mail).toMatchObject({ kind: 'verify-new-email', to: 'ada.new@example.com' })
    expect(mail.kind === 'verify-new-email' && new URL(mail.url).pathname).toBe('/auth/account/email/confirm')
    const url = mail.kind === 'verify-new-email' ? mail.url : ''
    // Nothing changed yet, and opening the link (a mail scanner) changes nothing either.
    expect((await overview(b)).body.user.email).toBe('ada@example.com')
    const scanner = new Browser(config)
    const u = new URL(url)
    const page = await scanner.fetch(u.pathname + u.search, { headers: { accept: 'text/html' } })
    expect(page.status).toBe(200)
    expect(await page.text()).not.toMatch(/<script/i)
    expect((await overview(b)).body.user.email).toBe('ada@example.com')

    const applied = await follow(b, url)
    expect(loc(applied).href).toBe('http://app.test/auth/account?done=email-changed')
    const user = await adapter.getUserByAccount({ provider: 'alpha', providerAccountId: 'a-1' })
    expect(user).toMatchObject({ email: 'ada.new@example.com' })
    expect(user!.emailVerified).toBeInstanceOf(Date)
    expect(mails[1]).toMatchObject({ kind: 'email-changed', to: 'ada@example.com', newEmail: 'ada.new@example.com' })
    expect(events).toContain('updateUser:ada.new@example.com')
    expect((await b.session()).user.email).toBe('ada.new@example.com')

    const again = await follow(new Browser(config), url)
    expect(loc(again).searchParams.get('error')).toBe('Verification')
  })

  it('the confirmation POST needs CSRF; a forged or expired link changes nothing', async () => {
    const { config, adapter, alpha, mails, tick } = setup(strategy)
    const b = await signIn(config, alpha, { id: 'a-1', email: 'ada@example.com' })
    await post(b, 'email', { email: 'new@example.com' })
    const url = new URL((mails[0] as { url: string }).url)
    const token = url.searchParams.get('token')!
    const noCsrf = await b.fetch('/auth/account/email/confirm', { json: { token }, headers: { accept: 'application/json' } })
    expect(noCsrf.status).toBe(403)
    const forged = await post(b, 'email/confirm', { token: token.slice(0, -4) + 'AAAA' })
    expect(forged.status).toBe(400)
    expect(((await forged.json()) as any).error).toBe('Verification')
    tick(24 * 60 * 60 + 1)
    const expired = await post(b, 'email/confirm', { token })
    expect(((await expired.json()) as any).error).toBe('Verification')
    expect(await adapter.getUserByEmail('new@example.com')).toBeNull()
  })

  it('an address another account uses: the same answer, no link sent; bad input is a 400', async () => {
    const { config, alpha, mails } = setup(strategy)
    await signIn(config, alpha, { id: 'a-bob', email: 'bob@example.com' })
    const b = await signIn(config, alpha, { id: 'a-1', email: 'ada@example.com' })
    const res = await post(b, 'email', { email: 'bob@example.com' })
    expect(res.status).toBe(200)
    expect(await res.json()).toMatchObject({ ok: true, sent: true })
    expect(mails).toHaveLength(0)
    for (const email of ['not-an-address', 'ada@example.com', '']) {
      expect((await post(b, 'email', { email })).status, email).toBe(400)
    }
    const page = await submit(b, 'email', { email: 'nope' })
    expect(loc(page).searchParams.get('error')).toBe('InvalidRequest')
  })

  it('without account.sendEmail the link goes through the e-mail provider', async () => {
    const mail = capturingEmail()
    const { config, alpha, beta } = setup(strategy, { account: {} })
    config.providers = [alpha.provider, beta.provider, mail.provider]
    const b = await signIn(config, alpha, { id: 'a-1', email: 'ada@example.com' })
    expect((await post(b, 'email', { email: 'new@example.com' })).status).toBe(200)
    expect(mail.last()).toMatchObject({ identifier: 'new@example.com' })
    expect(new URL(mail.last().url).pathname).toBe('/auth/account/email/confirm')
  })

  it('requests are rate-limited per user (each one mails someone)', async () => {
    const { config, alpha, mails } = setup(strategy, { rateLimit: { identifier: { max: 3, windowSeconds: 900 }, ip: false } })
    const b = await signIn(config, alpha, { id: 'a-1', email: 'ada@example.com' })
    for (let i = 0; i < 3; i++) expect((await post(b, 'email', { email: `new-${i}@example.com` })).status).toBe(200)
    const limited = await post(b, 'email', { email: 'new-9@example.com' })
    expect(limited.status).toBe(429)
    expect(limited.headers.get('retry-after')).toBeTruthy()
    expect(mails).toHaveLength(3)
  })
})
