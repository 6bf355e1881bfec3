import { describe, expect, it } from 'vitest'
import { SoftAuthenticator } from '../../src/testing/soft-authenticator.js'
import { passkeyApp, ORIGIN } from '../support/passkey.js'

describe('passkeys: sign-up, sign-in, add, list, remove (next-auth/webauthn wire format)', () => {
  for (const strategy of ['jwt', 'database'] as const) {
    it(`a new user signs up with a passkey, signs out, signs in again (${strategy})`, async () => {
      const { adapter, browser } = passkeyApp({ strategy })
      const b = browser()
      const device = new SoftAuthenticator()
      const opts = await b.optionsJson({ action: 'register', email: 'Ada@Example.com' })
      expect(opts.action).toBe('register')
      expect(opts.options.rp.id).toBe('app.test')
      expect(opts.options.authenticatorSelection.userVerification).toBe('required')
      expect(opts.options.authenticatorSelection.residentKey).toBe('required')
      expect(b.jar.has('__Secure-authjs.challenge')).toBe(true)
      const reg = await b.post('register', await device.create(opts.options, ORIGIN), { callbackUrl: '/welcome' })
      expect(reg.status).toBe(302)
      expect(reg.headers.get('location')).toBe(`${ORIGIN}/welcome`)
      expect(b.jar.has('__Secure-authjs.challenge')).toBe(false)
      const s = await b.session()
      expect(s.user.email).toBe('ada@example.com')
      const user = await adapter.getUserByEmail('ada@example.com')
      const [auth] = await adapter.listAuthenticatorsByUserId(user!.id)
      // Stored as Auth.js stores it: standard base64 credential id, account row of type webauthn.
      expect(auth!.credentialID).toMatch(/^[A-Za-z0-9+/]+=*$/)
      expect(auth!.providerAccountId).toBe(auth!.credentialID)
      expect(await adapter.getUserByAccount({ provider: 'passkey', providerAccountId: auth!.credentialID })).toMatchObject({ id: user!.id })

      const other = browser()
      const res = await other.authenticate(device)
      expect(res.status).toBe(302)
      expect((await other.session()).user.email).toBe('ada@example.com')
      expect((await adapter.getAuthenticator(auth!.credentialID))!.counter).toBe(1)
    })
  }

  it('answers fetch clients (X-Auth-Return-Redirect) with { url }, as next-auth/webauthn expects', async () => {
    const { browser } = passkeyApp()
    const b = browser()
    const device = new SoftAuthenticator()
    const { options } = await b.optionsJson({ email: 'new@example.com' })
    const csrfToken = await b.csrf()
    const res = await b.fetch('/auth/callback/passkey', {
      headers: { 'x-auth-return-redirect': '1' },
      form: { csrfToken, action: 'register', data: JSON.stringify(await device.create(options, ORIGIN)), callbackUrl: `${ORIGIN}/home` },
    })
    expect(res.status).toBe(200)
    expect(await res.json()).toEqual({ url: `${ORIGIN}/home` })
  })

  it('infers the action like Auth.js: an unknown address registers, a known one or none authenticates', async () => {
    const { browser } = passkeyApp()
    const b = browser()
    expect((await b.optionsJson({ email: 'nobody@example.com' })).action).toBe('register')
    expect((await b.optionsJson({})).action).toBe('authenticate')
    await b.register(new SoftAuthenticator(), { email: 'someone@example.com' })
    const anon = browser()
    expect((await anon.optionsJson({ email: 'someone@example.com' })).action).toBe('authenticate')
    // Registering a known address needs its owner signed in.
    expect((await anon.options({ action: 'register', email: 'someone@example.com' })).status).toBe(400)
    // Authentication options never list an account's credentials (no hint of who has an account).
    expect((await anon.optionsJson({ action: 'authenticate', email: 'someone@example.com' })).options.allowCredentials).toBeUndefined()
  })

  it('a signed-in user adds a second passkey (second device), lists them, removes one, never the last', async () => {
    const { adapter, browser } = passkeyApp()
    const b = browser()
    const phone = new SoftAuthenticator()
    const laptop = new SoftAuthenticator()
    await b.register(phone, { email: 'grace@example.com' })
    const opts = await b.optionsJson({ action: 'register' })
    // The passkey already on the account is excluded.
    expect(opts.options.excludeCredentials).toHaveLength(1)
    const add = await b.post('register', await laptop.create(opts.options, ORIGIN), { callbackUrl: '/account' })
    expect(add.status).toBe(302)
    expect(add.headers.get('location')).toBe(`${ORIGIN}/account`)
    const list = await b.fetch('/auth/passkeys', { headers: { accept: 'application/json' } })
    const { passkeys } = (await list.json()) as { passkeys: Array<{ id: string }> }
    expect(passkeys).toHaveLength(2)
    expect(JSON.stringify(passkeys)).not.toContain('publicKey')

    // The laptop signs in elsewhere.
    const elsewhere = browser()
    expect((await elsewhere.authenticate(laptop)).status).toBe(302)
    expect((await elsewhere.session()).user.email).toBe('grace@example.com')

    const remove = async (id: string) => b.fetch('/auth/passkeys', { json: { csrfToken: await b.csrf(), action: 'delete', credentialID: id } })
    expect((await remove(passkeys[0]!.id)).status).toBe(200)
    const last = await remove(passkeys[1]!.id)
    expect(last.status).toBe(400)
    expect(((await last.json()) as { message: string }).message).toMatch(/only way left/)
    const user = await adapter.getUserByEmail('grace@example.com')
    expect(await adapter.listAuthenticatorsByUserId(user!.id)).toHaveLength(1)
    // The removed passkey no longer signs in.
    const gone = passkeys[0]!.id
    const removedDevice = [phone, laptop].find((d) => d.credentials.some((c) => btoa(String.fromCharCode(...c.id)) === gone))!
    const again = browser()
    const res = await again.authenticate(removedDevice)
    expect(res.headers.get('location')).toContain('error=WebAuthnVerificationError')
    expect((await again.session())).toBeNull()
  })

  it('removing needs the CSRF token, a session and a recent sign-in; another user\'s passkey is refused', async () => {
    const { browser, tick } = passkeyApp()
    const a = browser()
    const b = browser()
    await a.register(new SoftAuthenticator(), { email: 'a@example.com' })
    await a.register(new SoftAuthenticator(), {}) // second passkey on a's account
    await b.register(new SoftAuthenticator(), { email: 'b@example.com' })
    const aList = ((await (await a.fetch('/auth/passkeys', { headers: { accept: 'application/json' } })).json()) as any).passkeys
    const noCsrf = await a.fetch('/auth/passkeys', { json: { action: 'delete', credentialID: aList[0].id } })
    expect(noCsrf.status).toBe(403)
    const byB = await b.fetch('/auth/passkeys', { json: { csrfToken: await b.csrf(), action: 'delete', credentialID: aList[0].id } })
    expect(byB.status).toBe(400)
    const anon = browser()
    expect((await anon.fetch('/auth/passkeys', { json: { csrfToken: await anon.csrf(), action: 'delete', credentialID: aList[0].id } })).status).toBe(401)
    tick(3600)
    const stale = await a.fetch('/auth/passkeys', { json: { csrfToken: await a.csrf(), action: 'delete', credentialID: aList[0].id } })
    expect(stale.status).toBe(403)
    expect(((await stale.json()) as any).error).toBe('SessionNotFresh')
    // Adding a passkey needs a recent sign-in too.
    expect((await a.options({ action: 'register' })).status).toBe(403)
  })

  it('the built-in page lists passkeys and removes one with a form post', async () => {
    const { browser } = passkeyApp()
    const b = browser()
    await b.register(new SoftAuthenticator(), { email: 'page@example.com' })
    await b.register(new SoftAuthenticator(), {})
    const page = await b.fetch('/auth/passkeys', { headers: { accept: 'text/html' } })
    expect(page.status).toBe(200)
    const csp = page.headers.get('content-security-policy') ?? ''
    expect(csp).toMatch(/script-src 'nonce-[A-Za-z0-9+/=]+'/)
    const body = await page.text()
    const ids = [...body.matchAll(/name="credentialID" value="([^"]+)"/g)].map((m) => m[1]!)
    expect(ids).toHaveLength(2)
    expect(body).toContain('data-passkey="register"')
    const csrfToken = /name="csrfToken" value="([^"]+)"/.exec(body)![1]!
    const res = await b.fetch('/auth/passkeys', { form: { csrfToken, action: 'delete', credentialID: ids[0]!.replace(/&#43;|&amp;/g, (e) => (e === '&amp;' ? '&' : '+')) } })
    expect(res.status).toBe(302)
    expect(res.headers.get('location')).toBe(`${ORIGIN}/auth/passkeys?done=removed`)
    const signedOut = browser()
    const redirect = await signedOut.fetch('/auth/passkeys', { headers: { accept: 'text/html' } })
    expect(redirect.status).toBe(302)
    expect(redirect.headers.get('location')).toContain('/auth/signin')
  })

  it('sign-up can be turned off (allowSignUp: false); sign-in still works', async () => {
    const { browser } = passkeyApp({ provider: { allowSignUp: false } })
    const b = browser()
    const res = await b.options({ action: 'register', email: 'x@example.com' })
    expect(res.status).toBe(400)
    expect(((await res.json()) as any).error).toBe('AccessDenied')
    expect((await b.optionsJson({ action: 'authenticate' })).action).toBe('authenticate')
  })

  it('accepts `providers: [Passkey]` uncalled, Passkey({...}) and experimental.enableWebAuthn', async () => {
    const { browser } = passkeyApp({ config: { experimental: { enableWebAuthn: true } } })
    const providers = await (await browser().fetch('/auth/providers')).json()
    expect(providers.passkey).toMatchObject({ id: 'passkey', type: 'webauthn', name: 'Passkey' })
  })

  it('the built-in sign-in page offers passkeys with autofill (conditional UI) under a nonce CSP', async () => {
    const { browser } = passkeyApp()
    const res = await browser().fetch('/auth/signin?callbackUrl=%2Fdash')
    const body = await res.text()
    expect(body).toContain('autocomplete="username webauthn"')
    expect(body).toContain('data-passkey="authenticate"')
    expect(body).toContain('data-passkey="register"')
    const nonce = /script-src 'nonce-([^']+)'/.exec(res.headers.get('content-security-policy') ?? '')![1]!
    expect(body).toContain(`<script nonce="${nonce}">`)
    expect(body).toContain('"conditional":true')
    expect(body).toContain("isConditionalMediationAvailable")
    const off = passkeyApp({ provider: { enableConditionalUI: false, allowSignUp: false } })
    const other = await (await off.browser().fetch('/auth/signin')).text()
    expect(other).toContain('"conditional":false')
    expect(other).not.toContain('data-passkey="register"')
  })

  it('database sessions: add a second passkey and remove one (recent sign-in from the auth-time cookie)', async () => {
    const { browser, adapter } = passkeyApp({ strategy: 'database' })
    const b = browser()
    await b.register(new SoftAuthenticator(), { email: 'db@example.com' })
    expect((await b.register(new SoftAuthenticator())).status).toBe(302)
    const user = await adapter.getUserByEmail('db@example.com')
    const list = await adapter.listAuthenticatorsByUserId(user!.id)
    expect(list).toHaveLength(2)
    const res = await b.fetch('/auth/passkeys', { json: { csrfToken: await b.csrf(), action: 'delete', credentialID: list[0]!.credentialID } })
    expect(res.status).toBe(200)
    expect(await adapter.listAuthenticatorsByUserId(user!.id)).toHaveLength(1)
    // The removed passkey's account row went with it.
    expect(await adapter.getAccount(list[0]!.credentialID, 'passkey')).toBeNull()
  })
})
