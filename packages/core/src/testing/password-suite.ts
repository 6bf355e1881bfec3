/**
 * The password suite every framework package runs against its example app over HTTP (kept small): the app offers
 * the `Password` provider (id `password`) with an adapter, and `mailbox()` returns the mails it sent.
 *
 *   const mail = capturePasswordMail()
 *   definePasswordSuite({ name: 'express', start: () => serve(createApp({ providers: [Password({ ...mail.options })], ... })),
 *     mailbox: () => mail.sent, protectedApi: '/api/me' })
 */
import { describe, expect, it } from 'vitest'
import type { Awaitable } from '../types.js'
import type { PasswordMailParams } from '../passwords/types.js'
import { CookieJar } from './cookie-jar.js'
import type { BrowserInit } from './browser-request.js'
import { liveApp } from './live-app.js'
import { confirmationForm } from './magic-link.js'
import type { IntegrationServer } from './suite-types.js'

export type PasswordSuiteMail = Pick<PasswordMailParams, 'kind' | 'identifier' | 'url'>

export interface PasswordSuiteOptions {
  name: string
  /** The app, offering `Password` (id `password`, cheap `scrypt` for tests is fine) with an adapter. */
  start: () => Promise<IntegrationServer>
  /** Every mail the app's password provider sent so far. */
  mailbox: () => Awaitable<PasswordSuiteMail[]>
  /** Where the auth routes are mounted. Default `/auth`. */
  basePath?: string
  /** A JSON endpoint that needs a session: 401 when signed out. */
  protectedApi: string
  /**
   * The app's own sign-in helper (a SvelteKit form action, Next's signIn() in a route handler), POSTed `email`,
   * `password`, `redirectTo`, the CSRF token and `fields` (e.g. `{ providerId: 'password' }`) as a browser form.
   */
  signInHelper?: { path: string; fields?: Record<string, string> }
}

/** A mailbox for in-process apps: pass `options` to `Password()`, give `sent` to the suite. */
export function capturePasswordMail() {
  const sent: PasswordSuiteMail[] = []
  return {
    sent,
    options: { sendVerificationRequest: ({ kind, identifier, url }: PasswordMailParams) => void sent.push({ kind, identifier, url }) },
  }
}

export function definePasswordSuite(options: PasswordSuiteOptions): void {
  // The suite signs in with the password routes itself; liveApp's credentials sign-in is not used.
  const app = liveApp({ start: options.start, basePath: options.basePath, credentials: { username: '', password: '' }, credentialsProviderId: 'password' })
  const base = app.basePath
  const url = app.url
  const run = crypto.randomUUID().slice(0, 8)
  let n = 0
  const address = () => `pw-${run}-${++n}@suite.example`

  /** Pages are asked for as a browser does (Accept: text/html) unless the caller says otherwise. */
  const send = (path: string, init: BrowserInit = {}) => app.send(path, { ...init, headers: { accept: 'text/html', ...(init.headers as Record<string, string>) } })
  async function post(jar: CookieJar, path: string, form: Record<string, string>, headers: Record<string, string> = {}) {
    return send(path, { method: 'POST', jar, form: { csrfToken: await app.csrfToken(jar), ...form }, headers })
  }
  async function mail(kind: string, to: string): Promise<string> {
    for (let i = 0; i < 50; i++) {
      const found = [...(await options.mailbox())].reverse().find((m) => m.kind === kind && m.identifier === to)
      if (found) return found.url
      await new Promise((r) => setTimeout(r, 100))
    }
    throw new Error(`no ${kind} mail to ${to}`)
  }
  /** GET the mailed link's page (consumes nothing) and submit its form. */
  async function follow(jar: CookieJar, link: string, extra: Record<string, string> = {}) {
    const u = new URL(link)
    expect(u.origin).toBe(new URL(url('/')).origin)
    const page = await send(u.pathname + u.search, { jar })
    expect(page.status).toBe(200)
    const form = confirmationForm(await page.text())
    expect(form).toBeTruthy()
    return send(new URL(form!.action).pathname, { method: 'POST', jar, form: { ...form!.fields, ...extra } })
  }
  const api = async (jar: CookieJar) => {
    const res = await send(options.protectedApi, { jar, headers: { accept: 'application/json' } })
    await res.text()
    return res.status
  }
  const errorOf = (res: Response) => new URL(res.headers.get('location') ?? '/', url('/')).searchParams.get('error')

  describe(`${options.name}: passwords`, () => {
    app.hooks()

    it('sign-up → verify → sign-in → change → forgot → reset → sign-in, through the built-in pages', async () => {
      const email = address()
      const jar = new CookieJar()
      const signup = await send(`${base}/signup/password`, { jar })
      expect(signup.status).toBe(200)
      expect(await signup.text()).toContain(`action="${url(`${base}/signup/password`)}"`)
      const up = await post(jar, `${base}/signup/password`, { email, password: 'first password here' })
      expect(up.status).toBe(200)
      await up.text()
      const verifyLink = await mail('verify-email', email)
      // Opening the link twice changes nothing; submitting its form verifies.
      expect((await send(new URL(verifyLink).pathname + new URL(verifyLink).search, { jar })).status).toBe(200)
      const verified = await follow(jar, verifyLink)
      expect(verified.status).toBe(200)
      await verified.text()

      const signin = await post(jar, `${base}/callback/password`, { email, password: 'first password here' })
      expect([302, 303]).toContain(signin.status)
      expect(errorOf(signin)).toBeNull()
      expect(await api(jar)).toBe(200)

      const changed = await post(jar, `${base}/password/change`, { currentPassword: 'first password here', password: 'second password here' })
      expect(changed.status).toBe(200)
      await changed.text()
      expect(await api(jar)).toBe(200)

      const other = new CookieJar()
      const forgot = await post(other, `${base}/password/forgot`, { email })
      expect(forgot.status).toBe(200)
      await forgot.text()
      const reset = await follow(other, await mail('reset-password', email), { password: 'third password here' })
      expect(reset.status).toBe(200)
      await reset.text()
      expect(await api(jar)).toBe(401)

      const old = await post(new CookieJar(), `${base}/callback/password`, { email, password: 'second password here' })
      expect(errorOf(old)).toBe('CredentialsSignin')
      const fresh = new CookieJar()
      const again = await post(fresh, `${base}/callback/password`, { email, password: 'third password here' })
      expect(errorOf(again)).toBeNull()
      expect(await api(fresh)).toBe(200)
    })

    if (options.signInHelper) it("signs in through the app's own sign-in helper", async () => {
      const { path, fields } = options.signInHelper!
      const email = address()
      await (await post(new CookieJar(), `${base}/signup/password`, { email, password: 'first password here' })).text()
      await (await follow(new CookieJar(), await mail('verify-email', email))).text()
      const refused = new CookieJar()
      const bad = await post(refused, path, { ...fields, email, password: 'not the password', redirectTo: '/' })
      expect(bad.status).toBeGreaterThanOrEqual(300)
      expect(bad.status).toBeLessThan(400)
      await bad.text()
      expect(await api(refused)).toBe(401)
      const jar = new CookieJar()
      const res = await post(jar, path, { ...fields, email, password: 'first password here', redirectTo: options.protectedApi })
      expect(res.status).toBeGreaterThanOrEqual(300)
      expect(res.status).toBeLessThan(400)
      await res.text()
      expect(new URL(res.headers.get('location') ?? '', url('/')).pathname).toBe(options.protectedApi)
      expect(await api(jar)).toBe(200)
    })

    it('answers the same for known and unknown addresses (sign-up, sign-in, forgot), JSON for fetch clients', async () => {
      const known = address()
      await (await post(new CookieJar(), `${base}/signup/password`, { email: known, password: 'first password here' })).text()
      const json = { accept: 'application/json' }
      for (const path of [`${base}/signup/password`, `${base}/password/forgot`]) {
        const a = await post(new CookieJar(), path, { email: known, password: 'another password' }, json)
        const b = await post(new CookieJar(), path, { email: address(), password: 'another password' }, json)
        expect([a.status, await a.json()], path).toEqual([b.status, await b.json()])
      }
      const wrong = await post(new CookieJar(), `${base}/callback/password`, { email: known, password: 'not the password' }, json)
      const unknown = await post(new CookieJar(), `${base}/callback/password`, { email: address(), password: 'not the password' }, json)
      expect(wrong.status).toBe(401)
      expect([wrong.status, await wrong.json()]).toEqual([unknown.status, await unknown.json()])
    })

    it('refuses POSTs without the CSRF token: no account, no mail, no password change', async () => {
      const email = address()
      const jar = new CookieJar()
      await (await send(`${base}/csrf`, { jar })).text()
      const before = (await options.mailbox()).length
      const res = await send(`${base}/signup/password`, { method: 'POST', jar, form: { email, password: 'first password here' } })
      expect(res.status).toBeGreaterThanOrEqual(300)
      expect(res.status).toBeLessThan(500)
      await res.text()
      expect((await options.mailbox()).length).toBe(before)
      const forged = await send(`${base}/password/forgot`, { method: 'POST', jar, form: { csrfToken: 'forged', email } })
      expect(forged.status).toBeLessThan(500)
      await forged.text()
      expect((await options.mailbox()).length).toBe(before)
    })
  })
}
