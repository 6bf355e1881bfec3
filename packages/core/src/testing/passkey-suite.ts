/**
 * The passkey suite every framework package runs against its example app over HTTP, with a software
 * authenticator (soft-authenticator.ts) standing in for the browser's: sign-up, sign-in, sign-out, a second device,
 * listing and removing passkeys, and the refusals (replay, unknown credential, malformed input).
 *
 *   definePasskeySuite({ name: 'express', start })   // the app offers Passkey with an adapter, auth at /auth
 *
 * With `mailbox`, the app signs up with the address proven by mail (`Passkey({ signUp: 'verify-email' })`, the
 * default next to a Password provider): every sign-up goes through the mailed link, and the sign-up-by-mail cases
 * run (the same answer for any address, the link works once, an address with an account gets told so).
 */
import { describe, expect, it } from 'vitest'
import { CookieJar } from './cookie-jar.js'
import { SoftAuthenticator } from './soft-authenticator.js'
import { liveApp } from './live-app.js'
import type { IntegrationServer } from './suite-types.js'
import type { Awaitable } from '../base-types.js'

export interface PasskeySuiteOptions {
  name: string
  /** Starts the app with a passkey provider and an adapter that stores authenticators. */
  start: () => Promise<IntegrationServer>
  /** Where the auth routes are mounted. Default `/auth`. */
  basePath?: string
  /** The passkey provider's id. Default `passkey`. */
  providerId?: string
  /** A JSON endpoint of the app that needs a session (401 signed out). */
  protectedApi?: string
  /**
   * Whether the app's adapter can remove a passkey (has `deleteAuthenticator`, as Latch's adapters do). Default true.
   * Auth.js's own adapters have no such method: say false, and the suite checks that removal is refused with a 400
   * and not offered, and that the passkeys stay.
   */
  canRemovePasskeys?: boolean
  /** The mails the app sent so far (`signUp: 'verify-email'`), e.g. capturePasswordMail().sent. */
  mailbox?: () => Awaitable<Array<{ kind: string; identifier: string; url: string }>>
}

export function definePasskeySuite(suite: PasskeySuiteOptions): void {
  const options = suite
  const app = liveApp({ start: options.start, basePath: options.basePath, credentials: { username: '', password: '' } })
  const { basePath, send } = app
  const provider = options.providerId ?? 'passkey'
  const origin = () => new URL(app.url('/')).origin
  const run = crypto.randomUUID().slice(0, 8)
  let n = 0
  const email = () => `passkey-${run}-${++n}@suite.example`

  const csrf = (jar: CookieJar) => app.csrfToken(jar)
  async function webauthnOptions(jar: CookieJar, params: Record<string, string>) {
    const res = await send(`${basePath}/webauthn-options/${provider}?${new URLSearchParams(params)}`, { jar, headers: { accept: 'application/json' } })
    expect(res.status, await res.clone().text()).toBe(200)
    return (await res.json()) as { action: string; options: any }
  }
  async function post(jar: CookieJar, action: string, data: unknown, extra: Record<string, string> = {}) {
    const form = { csrfToken: await csrf(jar), action, data: typeof data === 'string' ? data : JSON.stringify(data), ...extra }
    return send(`${basePath}/callback/${provider}`, { method: 'POST', jar, form, headers: { 'x-auth-return-redirect': '1' } })
  }
  async function outcome(res: Response): Promise<{ status: number; error: string | null }> {
    const body = (await res.json().catch(() => ({}))) as { url?: string; error?: string }
    return { status: res.status, error: body.url ? new URL(body.url).searchParams.get('error') : (body.error ?? 'none') }
  }
  async function session(jar: CookieJar) {
    return (await (await send(`${basePath}/session`, { jar })).json()) as { user?: { email?: string } } | null
  }
  /** Sign-up by mail, step 1: the neutral answer (status, body, cookie names) to a register request. */
  async function askToRegister(address: string) {
    const jar = new CookieJar()
    const res = await send(`${basePath}/webauthn-options/${provider}?${new URLSearchParams({ action: 'register', email: address })}`, { jar, headers: { accept: 'application/json' } })
    return { jar, status: res.status, body: (await res.json().catch(() => null)) as Record<string, unknown> | null, cookies: [...jar.cookies.keys()].sort() }
  }
  /** The newest mail of `kind` to `address` (mails go out after the response: polled briefly). */
  async function mailTo(kind: string, address: string, after = 0): Promise<string> {
    for (let i = 0; i < 100; i++) {
      const found = (await options.mailbox!()).filter((m) => m.identifier === address)
      const hit = found.slice(after).filter((m) => m.kind === kind).pop()
      if (hit) return hit.url
      await new Promise((r) => setTimeout(r, 50))
    }
    throw new Error(`no ${kind} mail to ${address}`)
  }
  const mailsTo = async (address: string) => (await options.mailbox!()).filter((m) => m.identifier === address)
  /** Sign-up by mail, step 2: open the link's page (CSRF cookie), POST its token for the registration options. */
  async function followLink(jar: CookieJar, link: string) {
    const u = new URL(link)
    const page = await send(u.pathname + u.search, { jar, headers: { accept: 'text/html' } })
    expect(page.status, 'the link page').toBe(200)
    await page.text()
    const form = { csrfToken: await csrf(jar), token: u.searchParams.get('token') ?? '', email: u.searchParams.get('email') ?? '' }
    return send(u.pathname, { method: 'POST', jar, form, headers: { 'x-auth-return-redirect': '1', accept: 'application/json' } })
  }
  async function signUp(device: SoftAuthenticator, address = email()) {
    if (options.mailbox) {
      const asked = await askToRegister(address)
      expect(asked.body).toMatchObject({ verificationSent: true })
      const jar = new CookieJar()
      const res = await followLink(jar, await mailTo('passkey-sign-up', address))
      expect(res.status, await res.clone().text()).toBe(200)
      const { options: o } = (await res.json()) as { options: any }
      expect(await outcome(await post(jar, 'register', await device.create(o, origin())))).toEqual({ status: 200, error: null })
      return { jar, address }
    }
    const jar = new CookieJar()
    const { options: o } = await webauthnOptions(jar, { action: 'register', email: address })
    expect(await outcome(await post(jar, 'register', await device.create(o, origin())))).toEqual({ status: 200, error: null })
    return { jar, address }
  }
  async function signInWith(device: SoftAuthenticator, jar = new CookieJar()) {
    const { options: o } = await webauthnOptions(jar, { action: 'authenticate' })
    return { jar, res: await post(jar, 'authenticate', await device.get(o, origin())) }
  }
  const removable = options.canRemovePasskeys ?? true
  async function list(jar: CookieJar) {
    const res = await send(`${basePath}/passkeys`, { jar, headers: { accept: 'application/json' } })
    expect(res.status).toBe(200)
    const body = (await res.json()) as { passkeys: Array<{ id: string }>; canRemove: boolean }
    expect(body.canRemove).toBe(removable)
    return body.passkeys
  }
  async function remove(jar: CookieJar, id: string) {
    return send(`${basePath}/passkeys`, { method: 'POST', jar, headers: { 'content-type': 'application/json', accept: 'application/json' }, body: JSON.stringify({ csrfToken: await csrf(jar), action: 'delete', credentialID: id }) })
  }

  describe.runIf(Boolean(options.mailbox))(`${options.name}: passkey sign-up by mail`, () => {
    app.hooks()

    it('answers the same for a new address and one with an account; mails a link to the new, "account exists" to the other', async () => {
      const { address: taken } = await signUp(new SoftAuthenticator())
      const before = (await mailsTo(taken)).length
      const fresh = email()
      const forTaken = await askToRegister(taken)
      const forFresh = await askToRegister(fresh)
      expect(forTaken.status).toBe(200)
      expect(forTaken.body).toMatchObject({ verificationSent: true })
      expect(forTaken.body).not.toHaveProperty('options')
      expect({ status: forFresh.status, body: forFresh.body, cookies: forFresh.cookies }).toEqual({ status: forTaken.status, body: forTaken.body, cookies: forTaken.cookies })
      expect(await mailTo('passkey-sign-up', fresh)).toContain('/passkey-sign-up/')
      // The owner is told; no link that registers anything goes to an address with an account.
      expect(new URL(await mailTo('passkey-account-exists', taken, before)).pathname).not.toContain('passkey-sign-up')
      expect((await mailsTo(taken)).slice(before).map((m) => m.kind)).toEqual(['passkey-account-exists'])
      // Without an action, an address is never told apart either (sign-in options for any address).
      const inferred = [await webauthnOptions(new CookieJar(), { email: taken }), await webauthnOptions(new CookieJar(), { email: fresh })]
      expect(inferred.map((o) => o.action)).toEqual(['authenticate', 'authenticate'])
    })

    it('the link registers a passkey for its address once; a reused, forged or broken link gives the error page, never a session', async () => {
      const device = new SoftAuthenticator()
      const address = email()
      await askToRegister(address)
      const link = await mailTo('passkey-sign-up', address)
      const jar = new CookieJar()
      const res = await followLink(jar, link)
      expect(res.status).toBe(200)
      const { options: o } = (await res.json()) as { options: any }
      expect(await outcome(await post(jar, 'register', await device.create(o, origin())))).toEqual({ status: 200, error: null })
      expect((await session(jar))?.user?.email).toBe(address)
      expect(await list(jar)).toHaveLength(1)

      const forged = new URL(link)
      forged.searchParams.set('token', 'ab'.repeat(32))
      for (const again of [link, forged.href]) {
        const other = new CookieJar()
        const refused = await followLink(other, again)
        expect(refused.status).toBe(200)
        const { url } = (await refused.json()) as { url?: string }
        expect(new URL(url!).searchParams.get('error')).toBe('Verification')
        const errorPage = await send(new URL(url!).pathname + new URL(url!).search, { jar: other, headers: { accept: 'text/html' } })
        expect(errorPage.status).toBeGreaterThanOrEqual(400)
        expect(errorPage.status).toBeLessThan(500)
        await errorPage.text()
        expect(await session(other)).toBeNull()
      }
      const broken = new URL(link)
      broken.searchParams.delete('email')
      const page = await send(broken.pathname + broken.search, { headers: { accept: 'text/html' } })
      expect(page.status).toBeLessThan(500)
      expect([400, 302, 303]).toContain(page.status)
      await page.text()
      // A direct registration (Auth.js's way) is not offered: no options without the mailed link.
      expect((await askToRegister(email())).body).not.toHaveProperty('options')
    })
  })

  describe(`${options.name}: passkeys`, () => {
    app.hooks()

    it('signs up with a passkey, signs out, signs in with it again', async () => {
      const device = new SoftAuthenticator()
      const { jar, address } = await signUp(device)
      expect((await session(jar))?.user?.email).toBe(address)
      if (options.protectedApi) expect((await send(options.protectedApi, { jar, headers: { accept: 'application/json' } })).status).toBe(200)
      const signOut = await send(`${basePath}/signout`, { method: 'POST', jar, form: { csrfToken: await csrf(jar) } })
      expect(signOut.status).toBeLessThan(400)
      expect(await session(jar)).toBeNull()
      const { res } = await signInWith(device, jar)
      expect(await outcome(res)).toEqual({ status: 200, error: null })
      expect((await session(jar))?.user?.email).toBe(address)
    })

    it('adds a second device, lists both, removes one (never the last)', async () => {
      const phone = new SoftAuthenticator()
      const laptop = new SoftAuthenticator()
      const { jar, address } = await signUp(phone)
      const { options: o } = await webauthnOptions(jar, { action: 'register' })
      expect(await outcome(await post(jar, 'register', await laptop.create(o, origin())))).toEqual({ status: 200, error: null })
      const both = await list(jar)
      expect(both).toHaveLength(2)
      const elsewhere = await signInWith(laptop)
      expect(await outcome(elsewhere.res)).toEqual({ status: 200, error: null })
      expect((await session(elsewhere.jar))?.user?.email).toBe(address)
      if (!removable) {
        // The adapter cannot delete a passkey: refused with a 400 (never a 500), and both still sign in.
        const refused = await remove(jar, both[0]!.id)
        expect(refused.status).toBe(400)
        await refused.text()
        expect(await list(jar)).toHaveLength(2)
        expect(await outcome((await signInWith(phone)).res)).toEqual({ status: 200, error: null })
        return
      }
      expect((await remove(jar, both[0]!.id)).status).toBe(200)
      const last = await remove(jar, both[1]!.id)
      expect(last.status).toBe(400)
      expect(await list(jar)).toHaveLength(1)
    })

    it('refuses a replayed assertion, an unknown credential and malformed input, without a session', async () => {
      const device = new SoftAuthenticator({ counterStep: 0 })
      await signUp(device)
      const jar = new CookieJar()
      const { options: o } = await webauthnOptions(jar, { action: 'authenticate' })
      const assertion = await device.get(o, origin())
      const copied = new Map(jar.cookies)
      expect(await outcome(await post(jar, 'authenticate', assertion))).toEqual({ status: 200, error: null })
      const thief = new CookieJar()
      for (const [k, v] of copied) thief.cookies.set(k, v)
      expect((await outcome(await post(thief, 'authenticate', assertion))).error).toBe('InvalidCheck')
      expect(await session(thief)).toBeNull()

      const stranger = new SoftAuthenticator()
      await stranger.create({ challenge: 'AA', rp: { id: new URL(origin()).hostname }, user: { id: 'AA' } }, origin())
      const unknown = await signInWith(stranger)
      expect((await outcome(unknown.res)).error).toBe('WebAuthnVerificationError')
      expect(await session(unknown.jar)).toBeNull()

      for (const data of ['{', '[]', JSON.stringify({ ...assertion, response: { ...assertion.response, authenticatorData: 'AAAA' } })]) {
        const bad = new CookieJar()
        await webauthnOptions(bad, { action: 'authenticate' })
        const res = await post(bad, 'authenticate', data)
        expect(res.status).toBe(400)
        await res.text()
        expect(await session(bad)).toBeNull()
      }
    })

    it('serves the built-in pages: sign-in with passkey autofill, and the passkeys page when signed in', async () => {
      const page = await send(`${basePath}/signin`, { headers: { accept: 'text/html' } })
      const html = await page.text()
      expect(html).toContain('autocomplete="username webauthn"')
      expect(page.headers.get('content-security-policy') ?? '').toMatch(/script-src 'nonce-/)
      const { jar } = await signUp(new SoftAuthenticator())
      const mine = await send(`${basePath}/passkeys`, { jar, headers: { accept: 'text/html' } })
      expect(mine.status).toBe(200)
      const listing = await mine.text()
      expect(listing).toContain('data-credential-id=')
      // A remove form only where the adapter can delete a passkey.
      if (removable) expect(listing).toContain('name="credentialID"')
      else expect(listing).not.toContain('name="credentialID"')
    })
  })
}
