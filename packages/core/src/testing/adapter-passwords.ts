/**
 * Password cases of the shared adapter suites (run by `defineAdapterSuite` for every adapter): the conformance of
 * `getPasswordHash`/`setPasswordHash`, and the password flow through `Auth()` with real Requests on the adapter
 * (sign-up → verify → sign-in → reset, 25 concurrent uses of one reset link, JWT and database sessions).
 * Edge-safe; needs vitest.
 */
import { eventually } from './eventually.js'
import { describe, expect, it } from 'vitest'
import type { Adapter, AdapterUser } from '../adapters/types.js'
import type { AuthConfig } from '../types.js'
import type { PasswordMailParams } from '../passwords/types.js'
import { Auth } from '../auth.js'
import Password from '../providers/password.js'
import { CookieJar } from './cookie-jar.js'
import { confirmationForm } from './magic-link.js'

type Full = Required<Adapter>

/** Conformance: a password hash per user, replaced, removed, gone with the user, refused for an unknown user. */
export function definePasswordAdapterCases(adapter: () => Adapter, makeUser: () => Promise<AdapterUser>): void {
  it('stores one password hash per user: set, replace, remove, gone with the user', async (t) => {
    const a = adapter() as Full
    if (typeof a.getPasswordHash !== 'function' || typeof a.setPasswordHash !== 'function') return t.skip()
    const u = await makeUser()
    const other = await makeUser()
    expect(await a.getPasswordHash(u.id)).toBeNull()
    await a.setPasswordHash(u.id, '$scrypt$ln=10,r=8,p=1$c2FsdHNhbHRzYWx0$first')
    await a.setPasswordHash(other.id, '$scrypt$other')
    expect(await a.getPasswordHash(u.id)).toBe('$scrypt$ln=10,r=8,p=1$c2FsdHNhbHRzYWx0$first')
    await a.setPasswordHash(u.id, '$scrypt$second')
    expect(await a.getPasswordHash(u.id)).toBe('$scrypt$second')
    await a.setPasswordHash(u.id, null)
    expect(await a.getPasswordHash(u.id)).toBeNull()
    expect(await a.getPasswordHash(other.id)).toBe('$scrypt$other')
    await a.deleteUser(other.id)
    expect(await a.getPasswordHash(other.id)).toBeNull()
    await expect(Promise.resolve().then(() => a.setPasswordHash(crypto.randomUUID(), '$scrypt$x'))).rejects.toThrow()
    expect(await a.getPasswordHash(crypto.randomUUID())).toBeNull()
  })
}

const ORIGIN = 'http://passwords.test'

class Client {
  jar = new CookieJar()
  constructor(private readonly config: AuthConfig) {}
  async fetch(path: string, form?: Record<string, string>, accept = 'text/html'): Promise<Response> {
    const headers = new Headers({ accept })
    if (this.jar.cookies.size) headers.set('cookie', this.jar.header())
    if (form) headers.set('content-type', 'application/x-www-form-urlencoded')
    const res = await Auth(new Request(new URL(path, ORIGIN), { headers, method: form ? 'POST' : 'GET', ...(form ? { body: new URLSearchParams(form).toString() } : {}) }), this.config)
    this.jar.apply(res)
    return res
  }
  async post(path: string, form: Record<string, string>): Promise<Response> {
    const { csrfToken } = (await (await this.fetch('/auth/csrf')).json()) as { csrfToken: string }
    return this.fetch(path, { csrfToken, ...form })
  }
  /** GET a mailed link's page and submit its form. */
  async follow(url: string, extra: Record<string, string> = {}, accept?: string): Promise<Response> {
    const u = new URL(url)
    const form = confirmationForm(await (await this.fetch(u.pathname + u.search)).text())
    if (!form) throw new Error(`no form at ${u.pathname}`)
    return this.fetch(new URL(form.action).pathname, { ...form.fields, ...extra }, accept)
  }
  async user(): Promise<string | undefined> {
    const s = (await (await this.fetch('/auth/session')).json()) as { user?: { email?: string } } | null
    return s?.user?.email
  }
}

/** The password flow on the adapter under test, with JWT and database sessions. */
export function definePasswordFlows(name: string, getAdapter: () => Adapter): void {
  const run = crypto.randomUUID().slice(0, 8)
  describe.each(['jwt', 'database'] as const)(`password flows: ${name} (%s sessions)`, (strategy) => {
    const mail: Pick<PasswordMailParams, 'kind' | 'identifier' | 'url'>[] = []
    const config = (): AuthConfig => ({
      secret: `password-flows-${run}-0123456789abcdef`,
      url: ORIGIN,
      adapter: getAdapter(),
      session: { strategy },
      logger: { error: () => {}, warn: () => {}, debug: () => {} },
      rateLimit: false,
      providers: [Password({ scrypt: { ln: 10, r: 8, p: 1 }, sendVerificationRequest: ({ kind, identifier, url }) => void mail.push({ kind, identifier, url }) })],
    })
    // The mails go out after the answer (background/run.ts): wait for them.
    const last = (kind: string, to: string) => eventually(() => [...mail].reverse().find((m) => m.kind === kind && m.identifier === to), `a ${kind} mail`)

    it('sign-up → verify → sign-in → reset (25 concurrent uses: one wins) → sign-in; the reset ends the old session', async () => {
      if (typeof getAdapter().setPasswordHash !== 'function') return
      const c = config()
      const email = `pw-${run}-${strategy}@flows.example`
      const b = new Client(c)
      expect((await b.post('/auth/signup/password', { email, password: 'first password here' })).status).toBe(200)
      expect((await b.follow((await last('verify-email', email)).url)).status).toBe(200)
      const signedIn = await b.post('/auth/callback/password', { email, password: 'first password here' })
      expect(signedIn.headers.get('location')).toBe(`${ORIGIN}/`)
      expect(await b.user()).toBe(email)

      const other = new Client(c)
      await other.post('/auth/password/forgot', { email })
      const link = new URL((await last('reset-password', email)).url)
      const form = confirmationForm(await (await other.fetch(link.pathname + link.search)).text())!
      const results = await Promise.all(
        Array.from({ length: 25 }, (_, i) => other.fetch('/auth/password/reset', { ...form.fields, password: `new password number ${i}` }, 'application/json')),
      )
      const winners = results.map((r, i) => [r.status, i] as const).filter(([s]) => s === 200)
      expect(winners).toHaveLength(1)
      await Promise.all(results.map((r) => r.text()))

      // Every session of the user ended (JWT through the session version, database rows deleted).
      expect(await b.user()).toBeUndefined()
      const again = new Client(c)
      const res = await again.post('/auth/callback/password', { email, password: `new password number ${winners[0]![1]}` })
      expect(res.headers.get('location')).toBe(`${ORIGIN}/`)
      expect(await again.user()).toBe(email)
      const old = await new Client(c).post('/auth/callback/password', { email, password: 'first password here' })
      expect(new URL(old.headers.get('location')!).searchParams.get('error')).toBe('CredentialsSignin')
    })
  })
}
