import { describe, expect, it } from 'vitest'
import { account, Browser, change, follow, forgot, setup, signIn, signUp } from './support.js'

const loc = (res: Response) => new URL(res.headers.get('location') ?? '', 'http://app.test')

describe('passwords: the flow through Auth()', () => {
  it('sign-up → verify → sign-in → forgot → reset → sign-in (JWT)', async () => {
    const env = setup()
    const b = new Browser(env.config)
    const up = await signUp(b, ' Ada@Example.COM ', 'correct horse battery')
    expect(up.status).toBe(200)
    expect(await up.text()).toContain('Check your email')
    expect(env.sent).toHaveLength(1)
    const mail = env.last()
    expect(mail.kind).toBe('verify-email')
    expect(mail.identifier).toBe('ada@example.com')
    expect(new URL(mail.url).pathname).toBe('/auth/verify-email')
    expect(b.jar.has('authjs.session-token')).toBe(false)

    // Before verification: the right password does not sign in; a new link is sent.
    const early = await signIn(b, 'ada@example.com', 'correct horse battery')
    expect(loc(early).searchParams.get('error')).toBe('EmailNotVerified')
    expect(env.sent).toHaveLength(2)
    expect(b.jar.has('authjs.session-token')).toBe(false)

    const verified = await follow(b, env.last().url)
    expect(verified.status).toBe(200)
    expect(await verified.text()).toContain('Email verified')

    const wrong = await signIn(b, 'ada@example.com', 'wrong horse battery')
    expect(loc(wrong).searchParams.get('error')).toBe('CredentialsSignin')
    expect(b.jar.has('authjs.session-token')).toBe(false)

    const ok = await signIn(b, 'ADA@example.com', 'correct horse battery')
    expect(ok.status).toBe(302)
    expect(loc(ok).href).toBe('http://app.test/')
    expect((await b.session()).user.email).toBe('ada@example.com')
    expect(env.events).toEqual(['createUser', 'signIn'])

    const other = new Browser(env.config)
    await forgot(other, 'ada@example.com')
    const reset = env.last('reset-password')
    expect(new URL(reset.url).pathname).toBe('/auth/password/reset')
    const done = await follow(other, reset.url, { password: 'a brand new password' })
    expect(done.status).toBe(200)
    expect(await done.text()).toContain('Password changed')

    // The reset ended the first browser's session (JWT: through the session version).
    expect(await b.session()).toBeNull()
    expect(loc(await signIn(other, 'ada@example.com', 'correct horse battery')).searchParams.get('error')).toBe('CredentialsSignin')
    const again = await signIn(other, 'ada@example.com', 'a brand new password')
    expect(loc(again).searchParams.get('error')).toBeNull()
    expect((await other.session()).user.email).toBe('ada@example.com')
  })

  it('works with database sessions, and JSON for fetch clients', async () => {
    const env = setup({ config: { session: { strategy: 'database' } } })
    const b = new Browser(env.config)
    const up = await signUp(b, 'bo@example.com', 'password number one', true)
    expect(up.status).toBe(200)
    expect(await up.json()).toMatchObject({ ok: true })
    const u = new URL(env.last().url)
    const csrfToken = await b.csrf()
    const v = await b.fetch('/auth/verify-email', { json: { csrfToken, token: u.searchParams.get('token'), email: u.searchParams.get('email') } })
    expect(await v.json()).toMatchObject({ ok: true })
    const bad = await signIn(b, 'bo@example.com', 'nope nope nope', true)
    expect(bad.status).toBe(401)
    expect(await bad.json()).toMatchObject({ error: 'CredentialsSignin' })
    const res = await signIn(b, 'bo@example.com', 'password number one', true)
    expect(res.status).toBe(302)
    expect(b.jar.get('authjs.session-token')).toMatch(/^[0-9a-f]{64}$/)
    expect((await b.session()).user.email).toBe('bo@example.com')

    const changed = await change(b, { currentPassword: 'password number one', password: 'password number two' }, true)
    expect(changed.status).toBe(200)
    expect(await changed.json()).toMatchObject({ ok: true })
    expect((await b.session()).user.email).toBe('bo@example.com')
  })

  it('change password: needs the current password and a recent sign-in; ends other sessions, keeps this one', async () => {
    for (const strategy of ['jwt', 'database'] as const) {
      const env = setup({ config: { session: { strategy, freshAge: 300 } } })
      const a = await account(env, 'cy@example.com', 'first password here')
      const other = new Browser(env.config)
      await signIn(other, 'cy@example.com', 'first password here')
      expect((await other.session())?.user).toBeTruthy()

      const wrong = await change(a, { currentPassword: 'not it at all', password: 'second password here' })
      expect(wrong.status).toBe(400)
      expect(await wrong.text()).toContain('current password is wrong')
      const weak = await change(a, { currentPassword: 'first password here', password: 'short' })
      expect(weak.status).toBe(400)
      const ok = await change(a, { currentPassword: 'first password here', password: 'second password here' })
      expect(ok.status, strategy).toBe(200)
      expect((await a.session())?.user?.email, strategy).toBe('cy@example.com')
      expect(await other.session(), strategy).toBeNull()
      expect(loc(await signIn(new Browser(env.config), 'cy@example.com', 'second password here')).searchParams.get('error')).toBeNull()
    }
  })

  it('change password refuses a stale sign-in (SessionNotFresh) and signed-out requests (SessionRequired)', async () => {
    let now = Math.floor(Date.now() / 1000)
    const env = setup({ config: { clock: () => now, session: { freshAge: 60 } } })
    const a = await account(env, 'di@example.com', 'first password here')
    now += 120
    const stale = await change(a, { currentPassword: 'first password here', password: 'second password here' }, true)
    expect(stale.status).toBe(403)
    expect(await stale.json()).toMatchObject({ error: 'SessionNotFresh' })
    const anon = await change(new Browser(env.config), { password: 'second password here' }, true)
    expect(anon.status).toBe(401)
  })

  it('revokeSessions: false keeps other sessions', async () => {
    const env = setup({ provider: { revokeSessions: false } })
    const a = await account(env, 'ed@example.com', 'first password here')
    const other = new Browser(env.config)
    await signIn(other, 'ed@example.com', 'first password here')
    await change(a, { currentPassword: 'first password here', password: 'second password here' })
    expect((await other.session())?.user).toBeTruthy()
  })
})

describe('passwords: routes', () => {
  it('sign-up only through a password provider; unknown sub-actions and providers are 404', async () => {
    const base = setup()
    const env = setup({ config: { providers: [...base.config.providers, (await import('../../src/providers/credentials.js')).default({ authorize: () => null })] } })
    const b = new Browser(env.config)
    const csrfToken = await b.csrf()
    const wrong = await b.fetch('/auth/signup/credentials', { json: { csrfToken, email: 'a@example.com', password: 'long enough password' } })
    expect(wrong.status).toBe(404)
    expect(await wrong.json()).toMatchObject({ error: 'InvalidProvider' })
    expect((await b.fetch('/auth/password/nope')).status).toBe(404)
    expect((await b.fetch('/auth/signup/nope')).status).toBe(404)
    expect((await b.fetch('/auth/verify-email/password')).status).toBe(404)
    expect(env.sent).toHaveLength(0)
    const noProvider = new Browser({ ...env.config, providers: env.config.providers.slice(1) })
    expect((await noProvider.fetch('/auth/password/forgot')).status).toBeLessThan(500)
  })

  it('the built-in sign-in page has the password form with sign-up and forgot-password links', async () => {
    const env = setup()
    const html = await (await new Browser(env.config).fetch('/auth/signin')).text()
    expect(html).toContain('action="http://app.test/auth/callback/password"')
    expect(html).toContain('href="http://app.test/auth/signup/password"')
    expect(html).toContain('href="http://app.test/auth/password/forgot"')
    expect(html).not.toMatch(/<script/i)
  })
})

describe('passwords: POST /signin/password', () => {
  it('sends the browser to the sign-in form, as for credentials', async () => {
    const env = setup()
    const b = new Browser(env.config)
    const csrfToken = await b.csrf()
    const res = await b.fetch('/auth/signin/password', { form: { csrfToken, callbackUrl: '/after' } })
    expect(res.status).toBe(302)
    const to = new URL(res.headers.get('location')!)
    expect(to.pathname).toBe('/auth/signin')
    expect(to.searchParams.get('callbackUrl')).toBe('http://app.test/after')
  })
})
