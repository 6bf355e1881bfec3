import { describe, expect, it } from 'vitest'
import { setup as passwordSetup, Browser, signUp } from './passwords/support.js'
import { setup as twoFactorSetup, enroll, firstFactor } from './two-factor/support.js'
import { setup as accountSetup, signIn as oauthSignIn, post, submit } from './account/support.js'

const html = { accept: 'text/html' }
const query = (res: Response) => {
  const u = new URL(res.headers.get('location')!)
  return { path: `${u.origin}${u.pathname}`, params: Object.fromEntries(u.searchParams) }
}

/** pages.signUp & co.: the app's own pages for Latch's built-in ones, as pages.signIn is for the sign-in page. */
describe('custom pages (pages.signUp, forgotPassword, resetPassword, verifyEmail, account, twoFactor, twoFactorSetup)', () => {
  const pages = {
    signUp: '/join',
    forgotPassword: '/forgot',
    resetPassword: '/reset',
    verifyEmail: '/verify',
    account: '/me/account',
    twoFactor: '/mfa',
    twoFactorSetup: '/me/mfa',
  }

  it('password pages: browsers go to the app page with callbackUrl, the link token and an error code', async () => {
    const env = passwordSetup({ config: { pages } })
    const b = new Browser(env.config)
    const join = await b.fetch('/auth/signup/password?callbackUrl=%2Fdashboard&error=Nope', { headers: html })
    expect(join.status).toBe(302)
    expect(query(join)).toEqual({ path: 'http://app.test/join', params: { callbackUrl: 'http://app.test/dashboard', provider: 'password', error: 'Nope' } })
    // A hostile callbackUrl is dropped by the usual check before it reaches the app page.
    const hostile = await b.fetch('/auth/password/forgot?callbackUrl=https%3A%2F%2Fevil.example%2F&error=%3Cscript%3E', { headers: html })
    expect(query(hostile)).toEqual({ path: 'http://app.test/forgot', params: { callbackUrl: 'http://app.test/', provider: 'password' } })
    const reset = await b.fetch('/auth/password/reset?token=abc123abc123abc123&email=Ada%40Example.com', { headers: html })
    expect(query(reset)).toMatchObject({ path: 'http://app.test/reset', params: { token: 'abc123abc123abc123', email: 'ada@example.com' } })
    const verify = await b.fetch('/auth/verify-email?token=abc123abc123abc123&email=ada%40example.com', { headers: html })
    expect(query(verify)).toMatchObject({ path: 'http://app.test/verify', params: { token: 'abc123abc123abc123', email: 'ada@example.com' } })
    // A form the app's page posted and Latch refused goes back to the app page with the code, not the built-in form.
    const weak = await signUp(b, 'ada@example.com', 'short')
    expect(query(weak)).toEqual({ path: 'http://app.test/join', params: { provider: 'password', error: 'PasswordPolicy' } })
    // Fetch clients are unaffected.
    const json = await signUp(new Browser(env.config), 'bob@example.com', 'short', true)
    expect(json.status).toBe(400)
  })

  it('account page: the page and the answer of an account action for browsers; JSON unchanged', async () => {
    const { config, alpha } = accountSetup('jwt', { pages })
    const b = await oauthSignIn(config, alpha, { id: 'a-1', email: 'ada@example.com' })
    const page = await b.fetch('/auth/account?done=unlinked&error=x%22', { headers: html })
    expect(query(page)).toEqual({ path: 'http://app.test/me/account', params: { done: 'unlinked' } })
    const refused = await submit(b, 'unlink', { provider: 'alpha' })
    expect(query(refused)).toEqual({ path: 'http://app.test/me/account', params: { error: 'InvalidRequest' } })
    const json = await b.fetch('/auth/account', { headers: { accept: 'application/json' } })
    expect(json.status).toBe(200)
    expect(((await json.json()) as { user: { email: string } }).user.email).toBe('ada@example.com')
    expect((await post(b, 'unlink', { provider: 'alpha' })).status).toBe(400)
  })

  it('two-factor: the first factor leads to the app prompt; the setup page too; JSON unchanged', async () => {
    const app = twoFactorSetup()
    app.config.pages = pages
    await app.user()
    await enroll(app, app.browser())
    const b = app.browser()
    const first = await firstFactor(b)
    expect(query(first)).toEqual({ path: 'http://app.test/mfa', params: { step: 'verify' } })
    const prompt = await b.fetch('/auth/two-factor', { headers: html })
    expect(query(prompt)).toEqual({ path: 'http://app.test/mfa', params: { step: 'verify' } })
    expect(((await (await b.fetch('/auth/two-factor', { headers: { accept: 'application/json' } })).json()) as { twoFactor: string }).twoFactor).toBe('verify')
  })

  it('two-factor setup: browsers go to the app page, JSON clients get the status', async () => {
    const app = twoFactorSetup()
    app.config.pages = pages
    await app.user()
    const b = app.browser()
    await firstFactor(b)
    const setupPage = await b.fetch('/auth/two-factor-setup', { headers: html })
    expect(query(setupPage)).toEqual({ path: 'http://app.test/me/mfa', params: {} })
    expect(await (await b.fetch('/auth/two-factor-setup', { headers: { accept: 'application/json' } })).json()).toEqual({ enabled: false, recoveryCodesLeft: 0 })
  })
})
