import { describe, expect, it } from 'vitest'
import { enroll, firstFactor, setup, submitCode } from './support.js'

describe.each(['jwt', 'database'] as const)('two-factor sign-in (%s sessions)', (strategy) => {
  it('the first factor gives a pending state and the code prompt, not a session; a valid code gives the session', async () => {
    const app = setup({ strategy })
    await app.user()
    const { secret } = await enroll(app, app.browser())

    const b = app.browser()
    const first = await firstFactor(b, 'ada', 'http://app.test/dashboard')
    expect(first.status).toBe(302)
    expect(first.headers.get('location')).toBe('http://app.test/auth/two-factor')
    expect([...b.jar.keys()]).toContain('authjs.two-factor')
    expect([...b.jar.keys()]).not.toContain('authjs.session-token')
    expect(await b.session()).toBeNull()

    const page = await b.fetch('/auth/two-factor', { headers: { accept: 'text/html' } })
    expect(page.status).toBe(200)
    const body = await page.text()
    expect(body).toContain('name="code"')
    expect(body).not.toContain('<script')

    const wrong = await submitCode(b, app.code(secret) === '000000' ? '111111' : '000000')
    expect(wrong.status).toBe(400)
    expect(((await wrong.json()) as { error: string }).error).toBe('TwoFactorCodeInvalid')
    expect(await b.session()).toBeNull()

    const ok = await submitCode(b, app.code(secret), { 'x-auth-return-redirect': '1' })
    expect(ok.status).toBe(200)
    expect(await ok.json()).toEqual({ url: 'http://app.test/dashboard' })
    expect(b.jar.has('authjs.two-factor')).toBe(false)
    const session = await b.session()
    expect(session.user).toMatchObject({ email: 'ada@example.com', twoFactorEnabled: true })
  })

  it('a browser form gets the prompt page back on a wrong code and a redirect to the callbackUrl on a right one', async () => {
    const app = setup({ strategy })
    await app.user()
    const { secret } = await enroll(app, app.browser())
    const b = app.browser()
    await firstFactor(b, 'ada', 'http://app.test/after')
    const html = { accept: 'text/html' }
    const wrong = await submitCode(b, '12345x', html)
    expect(wrong.status).toBe(400)
    expect(await wrong.text()).toContain('wrong or was already used')
    const ok = await submitCode(b, app.code(secret), html)
    expect(ok.status).toBe(302)
    expect(ok.headers.get('location')).toBe('http://app.test/after')
    expect((await b.session()).user.twoFactorEnabled).toBe(true)
  })

  it('a user without 2FA signs in directly, and the session says 2FA is off', async () => {
    const app = setup({ strategy })
    await app.user()
    const b = app.browser()
    const res = await firstFactor(b)
    expect(res.status).toBe(302)
    expect(res.headers.get('location')).toBe('http://app.test/')
    expect((await b.session()).user).toMatchObject({ email: 'ada@example.com', twoFactorEnabled: false })
  })

  it('the code step without a pending state goes back to the sign-in page', async () => {
    const app = setup({ strategy })
    await app.user()
    const b = app.browser()
    const page = await b.fetch('/auth/two-factor', { headers: { accept: 'text/html' } })
    expect(page.status).toBe(302)
    expect(page.headers.get('location')).toBe('http://app.test/auth/signin?error=TwoFactorPendingInvalid')
    const posted = await submitCode(b, '123456')
    expect(posted.status).toBe(400)
    expect(((await posted.json()) as { error: string }).error).toBe('TwoFactorPendingInvalid')
  })

  it('is a 404 when two-factor is not configured', async () => {
    const app = setup({ strategy })
    const { twoFactor: _off, ...config } = app.config
    const { Browser } = await import('../support/client.js')
    const res = await new Browser(config).fetch('/auth/two-factor')
    expect(res.status).toBe(404)
  })
})
