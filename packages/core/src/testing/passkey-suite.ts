/**
 * The passkey suite every framework package runs against its example app over HTTP, with a software
 * authenticator (soft-authenticator.ts) standing in for the browser's: sign-up, sign-in, sign-out, a second device,
 * listing and removing passkeys, and the refusals (replay, unknown credential, malformed input).
 *
 *   definePasskeySuite({ name: 'express', start })   // the app offers Passkey with an adapter, auth at /auth
 */
import { describe, expect, it } from 'vitest'
import { CookieJar } from './cookie-jar.js'
import { SoftAuthenticator } from './soft-authenticator.js'
import { liveApp } from './live-app.js'
import type { IntegrationServer } from './suite-types.js'

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
  async function signUp(device: SoftAuthenticator, address = email()) {
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
