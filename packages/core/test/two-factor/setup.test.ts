import { describe, expect, it } from 'vitest'
import { enroll, firstFactor, JSON_HEADERS, setup, setupPost, submitCode } from './support.js'

const errorOf = async (res: Response) => ((await res.json()) as { error?: string }).error

describe.each(['jwt', 'database'] as const)('two-factor enrollment and management (%s sessions)', (strategy) => {
  it('a secret is not active until a first code confirms it', async () => {
    const app = setup({ strategy })
    await app.user()
    const b = app.browser()
    await firstFactor(b)
    const started = await setupPost(b, { intent: 'enroll' })
    const { secret, uri } = (await started.json()) as { secret: string; uri: string }
    expect(uri).toMatch(/^otpauth:\/\/totp\/app\.test:ada%40example\.com\?/)
    expect(uri).toContain(`secret=${secret}`)
    // Not confirmed: a new sign-in goes straight through.
    const other = app.browser()
    expect((await firstFactor(other)).headers.get('location')).toBe('http://app.test/')
    expect(await errorOf(await setupPost(b, { intent: 'confirm', code: '000000' === app.code(secret) ? '111111' : '000000' }))).toBe('TwoFactorCodeInvalid')
    expect((await (await b.fetch('/auth/two-factor-setup', { headers: JSON_HEADERS })).json())).toEqual({ enabled: false, recoveryCodesLeft: 0 })
    const confirmed = await setupPost(b, { intent: 'confirm', code: app.code(secret) })
    expect(confirmed.status).toBe(200)
    const body = (await confirmed.json()) as { enabled: boolean; recoveryCodes: string[] }
    expect(body.enabled).toBe(true)
    expect(body.recoveryCodes).toHaveLength(10)
    expect(new Set(body.recoveryCodes).size).toBe(10)
    // This browser's session says so at once (the JWT claim is re-issued; the database user reports it).
    expect((await b.session()).user.twoFactorEnabled).toBe(true)
    expect((await (await b.fetch('/auth/two-factor-setup', { headers: JSON_HEADERS })).json())).toEqual({ enabled: true, recoveryCodesLeft: 10 })
    expect((await firstFactor(app.browser())).headers.get('location')).toBe('http://app.test/auth/two-factor')
  })

  it('an active second factor cannot be replaced by a new enrollment (turn it off first, with a code)', async () => {
    const app = setup({ strategy })
    const ada = await app.user()
    const b = app.browser()
    await enroll(app, b)
    const before = await app.adapter.getTwoFactor!(ada.id)
    const again = await setupPost(b, { intent: 'enroll' })
    expect(again.status).toBe(400)
    expect(await errorOf(again)).toBe('InvalidRequest')
    expect(await app.adapter.getTwoFactor!(ada.id)).toEqual(before)
    expect((await firstFactor(app.browser())).headers.get('location')).toBe('http://app.test/auth/two-factor')
  })

  it('enrollment changes need a session, a recent sign-in and the CSRF token', async () => {
    const app = setup({ strategy })
    await app.user()
    const anon = app.browser()
    expect((await setupPost(anon, { intent: 'enroll' })).status).toBe(401)
    const b = app.browser()
    await firstFactor(b)
    const noCsrf = await b.fetch('/auth/two-factor-setup', { form: { intent: 'enroll' }, headers: JSON_HEADERS })
    // Refused before the handler runs (the route's error mode is the built-in pages').
    expect(noCsrf.status).toBe(302)
    expect(noCsrf.headers.get('location')).toContain('error=MissingCSRF')
    expect(await b.fetch('/auth/two-factor-setup', { headers: JSON_HEADERS }).then((r) => r.json())).toEqual({ enabled: false, recoveryCodesLeft: 0 })
    app.tick(601)
    const stale = await setupPost(b, { intent: 'enroll' })
    expect(stale.status).toBe(403)
    expect(await errorOf(stale)).toBe('SessionNotFresh')
    expect((await setupPost(b, { intent: 'bogus' })).status).toBe(403)
  })

  it('turning 2FA off needs a recent sign-in and a fresh code; a reused code does not do', async () => {
    const app = setup({ strategy })
    const ada = await app.user()
    const { secret } = await enroll(app, app.browser())
    const b = app.browser()
    await firstFactor(b)
    const used = app.code(secret)
    expect((await submitCode(b, used)).status).toBe(200)
    expect(await errorOf(await setupPost(b, { intent: 'disable' }))).toBe('TwoFactorCodeInvalid')
    expect(await errorOf(await setupPost(b, { intent: 'disable', code: used }))).toBe('TwoFactorCodeInvalid')
    app.tick(601)
    expect(await errorOf(await setupPost(b, { intent: 'disable', code: app.code(secret) }))).toBe('SessionNotFresh')
    expect((await app.adapter.getTwoFactor!(ada.id))?.confirmedAt).toBeTruthy()
    // Signing in again (with the second factor) makes the session recent.
    await firstFactor(b)
    expect((await submitCode(b, app.code(secret))).status).toBe(200)
    app.tick(30)
    const off = await setupPost(b, { intent: 'disable', code: app.code(secret) })
    expect(off.status).toBe(200)
    expect(await off.json()).toEqual({ enabled: false, recoveryCodesLeft: 0 })
    expect(await app.adapter.getTwoFactor!(ada.id)).toBeNull()
    expect((await b.session()).user.twoFactorEnabled).toBe(false)
    expect((await firstFactor(app.browser())).headers.get('location')).toBe('http://app.test/')
  })

  it('a recovery code can turn 2FA off (lost authenticator); new recovery codes replace the old ones', async () => {
    const app = setup({ strategy })
    await app.user()
    const b = app.browser()
    const { secret, recoveryCodes } = await enroll(app, b)
    const renewed = await setupPost(b, { intent: 'recovery-codes', code: app.code(secret) })
    expect(renewed.status).toBe(200)
    const fresh = ((await renewed.json()) as { recoveryCodes: string[] }).recoveryCodes
    expect(fresh).toHaveLength(10)
    // A recovery code cannot make new recovery codes, and the old ones are gone.
    expect(await errorOf(await setupPost(b, { intent: 'recovery-codes', code: fresh[0]! }))).toBe('TwoFactorCodeInvalid')
    expect(await errorOf(await setupPost(b, { intent: 'disable', code: recoveryCodes[0]! }))).toBe('TwoFactorCodeInvalid')
    expect((await setupPost(b, { intent: 'disable', code: fresh[1]! })).status).toBe(200)
  })

  it('the built-in pages: status, QR code (inline SVG), no script', async () => {
    const app = setup({ strategy })
    await app.user()
    const b = app.browser()
    await firstFactor(b)
    const html = { accept: 'text/html' }
    const status = await b.fetch('/auth/two-factor-setup', { headers: html })
    expect(status.status).toBe(200)
    expect(status.headers.get('content-security-policy')).toContain("default-src 'none'")
    const statusBody = await status.text()
    expect(statusBody).toContain('is <strong>off</strong>')
    const csrfToken = /name="csrfToken" value="([^"]+)"/.exec(statusBody)![1]!
    const started = await b.fetch('/auth/two-factor-setup', { form: { csrfToken, intent: 'enroll' }, headers: html })
    const page = await started.text()
    expect(page).toMatch(/<svg[^>]*>/)
    expect(page).not.toMatch(/<script/i)
    expect(page).toContain('name="intent" value="confirm"')
    // Signed out: the sign-in page.
    const anon = await app.browser().fetch('/auth/two-factor-setup', { headers: html })
    expect(anon.status).toBe(302)
    expect(anon.headers.get('location')).toContain('/auth/signin?error=SessionRequired')
  })
})

describe.each(['jwt', 'database'] as const)('two-factor required (%s sessions)', (strategy) => {
  it('a user without 2FA enrolls with the pending state before any session, then is signed in', async () => {
    const app = setup({ strategy, twoFactor: { required: (user) => user.email === 'ada@example.com' } })
    await app.user()
    await app.user('bob')
    // Not required for bob.
    expect((await firstFactor(app.browser(), 'bob')).headers.get('location')).toBe('http://app.test/')
    const b = app.browser()
    const first = await firstFactor(b, 'ada', 'http://app.test/welcome')
    expect(first.headers.get('location')).toBe('http://app.test/auth/two-factor')
    expect(await b.session()).toBeNull()
    const step = await b.fetch('/auth/two-factor', { headers: JSON_HEADERS })
    const { twoFactor, secret } = (await step.json()) as { twoFactor: string; secret: string }
    expect(twoFactor).toBe('enroll')
    // Shown again, the same secret (it is what the user scanned).
    expect(((await (await b.fetch('/auth/two-factor', { headers: JSON_HEADERS })).json()) as { secret: string }).secret).toBe(secret)
    expect(await errorOf(await submitCode(b, 'abcde-fghjk'))).toBe('TwoFactorCodeInvalid')
    const done = await submitCode(b, app.code(secret))
    expect(done.status).toBe(200)
    const body = (await done.json()) as { url: string; recoveryCodes: string[] }
    expect(body.url).toBe('http://app.test/welcome')
    expect(body.recoveryCodes).toHaveLength(10)
    expect((await b.session()).user.twoFactorEnabled).toBe(true)
    // From now on the code is asked for.
    expect((await firstFactor(app.browser())).headers.get('location')).toBe('http://app.test/auth/two-factor')
  })

  it('the enrollment step in the browser shows the QR code and then the recovery codes with a link on', async () => {
    const app = setup({ strategy, twoFactor: { required: true } })
    await app.user()
    const b = app.browser()
    await firstFactor(b, 'ada', 'http://app.test/welcome')
    const page = await (await b.fetch('/auth/two-factor', { headers: { accept: 'text/html' } })).text()
    expect(page).toMatch(/<svg/)
    const secret = /data-testid="totp-secret">([A-Z2-7]+)</.exec(page)![1]!
    const done = await submitCode(b, app.code(secret), { accept: 'text/html' })
    expect(done.status).toBe(200)
    const codesPage = await done.text()
    expect(codesPage).toContain('data-testid="recovery-codes"')
    expect(codesPage).toContain('href="http://app.test/welcome"')
    expect((await b.session()).user.twoFactorEnabled).toBe(true)
  })
})
