/**
 * End-to-end flows through `Auth()` with real Requests, run by `defineAdapterSuite` against the adapter under
 * test: magic links (bad input, concurrency, reuse, expiry), database sessions (updateAge, expiry, sign-out),
 * credentials with database sessions, account linking rules, session management. Edge-safe; needs vitest.
 */
import { describe, expect, it } from 'vitest'
import type { Adapter } from '../adapters/types.js'
import type { AuthConfig } from '../types.js'
import { Auth } from '../auth.js'
import { customFetch } from '../symbols.js'
import { CredentialsSignin } from '../errors.js'
import Credentials from '../providers/credentials.js'
import Email from '../providers/email.js'
import { fakeIdp } from './fake-idp.js'
import { listSessions, revokeSession, signOutEverywhere } from '../session/manage.js'
import { CookieJar } from './cookie-jar.js'
import { confirmationForm } from './magic-link.js'
import { defineAccountFlows } from './account-flows.js'

const ORIGIN = 'http://flows.test'
const COOKIE = 'authjs.session-token'
const MAX_AGE = 3600
const UPDATE_AGE = 600

class Locked extends CredentialsSignin {
  override reason = 'account_locked'
}

/** One browser: a cookie jar, CSRF-aware form posts. */
class Client {
  jar = new CookieJar()
  constructor(private readonly config: AuthConfig) {}
  async fetch(path: string, form?: Record<string, string>): Promise<Response> {
    const headers = new Headers({ accept: 'text/html' })
    if (this.jar.cookies.size) headers.set('cookie', this.jar.header())
    if (form) headers.set('content-type', 'application/x-www-form-urlencoded')
    const init: RequestInit = { headers, method: form ? 'POST' : 'GET', ...(form ? { body: new URLSearchParams(form).toString() } : {}) }
    const res = await Auth(new Request(new URL(path, ORIGIN), init), this.config)
    this.jar.apply(res)
    return res
  }
  async post(path: string, form: Record<string, string>): Promise<Response> {
    const csrf = (await (await this.fetch('/auth/csrf')).json()) as { csrfToken: string }
    return this.fetch(path, { csrfToken: csrf.csrfToken, ...form })
  }
  async session(): Promise<any> {
    return (await this.fetch('/auth/session')).json()
  }
  get token(): string | undefined {
    return this.jar.cookies.get(COOKIE)
  }
}

const location = (res: Response) => new URL(res.headers.get('location') ?? '', ORIGIN)

export function defineAdapterFlows(name: string, getAdapter: () => Adapter): void {
  defineAccountFlows(name, getAdapter)
  const run = crypto.randomUUID().slice(0, 8)
  let n = 0
  const email = () => `flow-${run}-${++n}@flows.example`
  let offset = 0
  const mail: { identifier: string; url: string }[] = []
  const idp = fakeIdp()
  const oauth = idp.provider

  const configs = new Map<string, AuthConfig>()
  function config(strategy: 'database' | 'jwt' = 'database'): AuthConfig {
    let c = configs.get(strategy)
    if (c) return c
    c = {
      secret: `adapter-flows-secret-${run}-0123456789abcdef`,
      url: ORIGIN,
      adapter: getAdapter(),
      session: { strategy, maxAge: MAX_AGE, updateAge: UPDATE_AGE },
      clock: () => Math.floor(Date.now() / 1000) + offset,
      logger: { error: () => {}, warn: () => {}, debug: () => {} },
      rateLimit: false,
      providers: [
        Email({ maxAge: 600, sendVerificationRequest: ({ identifier, url }) => void mail.push({ identifier, url }) }),
        oauth('strict'),
        oauth('trusting', true),
        Credentials({
          credentials: { userId: {}, username: {}, password: {} },
          authorize: (c) => {
            if (c.username === 'locked') throw new Locked()
            return typeof c.userId === 'string' && c.password === 'pw' ? { id: c.userId } : null
          },
        }),
      ],
      callbacks: { session: ({ session, user }) => (user ? { ...session, userId: String(user.id) } : session) },
      [customFetch]: idp.fetch,
    }
    configs.set(strategy, c)
    return c
  }
  const a = () => getAdapter() as Required<Adapter>

  async function magicLink(c: Client, address: string): Promise<string> {
    const before = mail.length
    const res = await c.post('/auth/signin/email', { email: address })
    expect(location(res).pathname).toBe('/auth/verify-request')
    expect(mail.length).toBe(before + 1)
    return mail[mail.length - 1]!.url
  }
  /** Follow a magic link: GET its confirmation page (consumes nothing), then POST the page's form. */
  async function open(c: Client, url: string): Promise<Response> {
    const page = await c.fetch(new URL(url).pathname + new URL(url).search)
    if (page.status !== 200) return page
    const form = confirmationForm(await page.text())
    expect(form).not.toBeNull()
    return c.fetch(new URL(form!.action).pathname, form!.fields)
  }

  async function oauthSignIn(c: Client, provider: string, p: Record<string, unknown>): Promise<Response> {
    idp.state.profile = p
    const res = await c.post(`/auth/signin/${provider}`, {})
    const authz = new URL(res.headers.get('location')!)
    const cb = new URL(authz.searchParams.get('redirect_uri')!)
    cb.searchParams.set('code', 'c')
    cb.searchParams.set('state', authz.searchParams.get('state')!)
    return c.fetch(cb.pathname + cb.search)
  }

  describe(`Latch flows on ${name} (real Requests)`, () => {
    it('magic link: bad addresses send nothing; one link, concurrent callbacks, exactly one session', async () => {
      offset = 0
      const c = new Client(config())
      for (const bad of ['a@b@flows.example', '"x"@flows.example', 'x,y@flows.example', 'x＠flows.example', 'x﹫flows.example', 'x@flows.example\r\nBcc: y@z.test']) {
        const before = mail.length
        const res = await c.post('/auth/signin/email', { email: bad })
        expect(location(res).searchParams.get('error')).toBe('EmailSignin')
        expect(mail.length).toBe(before)
      }
      const address = email()
      const url = await magicLink(c, address.toUpperCase())
      expect(new URL(url).searchParams.get('email')).toBe(address)
      const clients = Array.from({ length: 4 }, () => new Client(config()))
      const results = await Promise.all(clients.map((x) => open(x, url)))
      expect(results.filter((r) => location(r).pathname === '/')).toHaveLength(1)
      expect(results.filter((r) => location(r).searchParams.get('error') === 'Verification')).toHaveLength(3)
      const winner = clients.find((x) => x.token)!
      expect((await winner.session()).user.email).toBe(address)
      const user = await a().getUserByEmail(address)
      expect(user!.emailVerified).toBeInstanceOf(Date)
      if (a().listSessions) expect(await a().listSessions(user!.id)).toHaveLength(1)
      expect(location(await open(new Client(config()), url)).searchParams.get('error')).toBe('Verification')
    })

    it('magic link: matched on identifier and token; an expired link gives Verification', async () => {
      offset = 0
      const c = new Client(config())
      const url = await magicLink(c, email())
      const forged = new URL(url)
      forged.searchParams.set('email', email())
      expect(location(await open(c, forged.href)).searchParams.get('error')).toBe('Verification')
      expect(location(await open(c, url)).pathname).toBe('/')
      const late = await magicLink(c, email())
      offset = 601
      const res = await open(new Client(config()), late)
      expect(location(res).searchParams.get('error')).toBe('Verification')
      offset = 0
    })

    it('database sessions: opaque token, updateAge throttling, expiry deletes, sign-out deletes', async () => {
      offset = 0
      const user = await a().createUser({ id: crypto.randomUUID(), email: email(), emailVerified: null })
      const c = new Client(config())
      await c.post('/auth/callback/credentials', { userId: user.id, password: 'pw' })
      const token = c.token!
      expect(token).toMatch(/^[0-9a-f]{64}$/)
      const s1 = await c.session()
      expect(s1.userId).toBe(String(user.id))
      offset = 100
      const quiet = await c.fetch('/auth/session')
      expect(quiet.headers.getSetCookie().some((h) => h.startsWith(`${COOKIE}=`))).toBe(false)
      expect((await quiet.json()).expires).toBe(s1.expires)
      offset = UPDATE_AGE + 1
      const extended = await c.fetch('/auth/session')
      expect(extended.headers.getSetCookie().some((h) => h.startsWith(`${COOKIE}=`))).toBe(true)
      const expires = new Date((await extended.json()).expires).getTime()
      expect(expires).toBeGreaterThan(new Date(s1.expires).getTime())
      expect(new Date((await a().getSessionAndUser(token))!.session.expires).getTime()).toBe(expires)
      offset = UPDATE_AGE + 1 + MAX_AGE + 1
      expect(await c.session()).toBeNull()
      expect(await a().getSessionAndUser(token)).toBeNull()
      offset = 0
      const d = new Client(config())
      await d.post('/auth/callback/credentials', { userId: user.id, password: 'pw' })
      const t2 = d.token!
      await d.post('/auth/signout', {})
      expect(d.token).toBeUndefined()
      expect(await a().getSessionAndUser(t2)).toBeNull()
    })

    it('credentials: a thrown CredentialsSignin code reaches the sign-in page; an unknown user id gets no session', async () => {
      offset = 0
      const c = new Client(config())
      const res = await c.post('/auth/callback/credentials', { username: 'locked' })
      expect(location(res).searchParams.get('error')).toBe('CredentialsSignin')
      expect(location(res).searchParams.get('code')).toBe('account_locked')
      await c.post('/auth/callback/credentials', { userId: `missing-${run}`, password: 'pw' })
      expect(c.token).toBeUndefined()
    })

    it('linking: new accounts create users; OAuthAccountNotLinked on a taken email; dangerous linking only into verified emails', async () => {
      offset = 0
      const unverified = email()
      expect(location(await oauthSignIn(new Client(config()), 'strict', { id: `s-${run}-1`, email: unverified })).pathname).toBe('/')
      const u1 = await a().getUserByAccount({ provider: 'strict', providerAccountId: `s-${run}-1` })
      expect(u1).toMatchObject({ email: unverified, emailVerified: null })
      const refused = new Client(config())
      expect(location(await oauthSignIn(refused, 'trusting', { id: `t-${run}-1`, email: unverified })).searchParams.get('error')).toBe('OAuthAccountNotLinked')
      expect(refused.token).toBeUndefined()
      const verified = email()
      await open(new Client(config()), await magicLink(new Client(config()), verified))
      expect(location(await oauthSignIn(new Client(config()), 'strict', { id: `s-${run}-2`, email: verified })).searchParams.get('error')).toBe('OAuthAccountNotLinked')
      // Dangerous linking needs the provider to affirm the address (email_verified === true), nothing less.
      for (const claim of [undefined, false, 'false', 'true', 0, 1, null, 'no']) {
        expect(location(await oauthSignIn(new Client(config()), 'trusting', { id: `t-${run}-2`, email: verified, email_verified: claim })).searchParams.get('error')).toBe('OAuthAccountNotLinked')
      }
      expect(location(await oauthSignIn(new Client(config()), 'trusting', { id: `t-${run}-2`, email: verified, email_verified: true })).pathname).toBe('/')
      const owner = await a().getUserByEmail(verified)
      expect(await a().getUserByAccount({ provider: 'trusting', providerAccountId: `t-${run}-2` })).toMatchObject({ id: owner!.id })
      // Signed in: a new account links to the current user; someone else's account is refused.
      const me = new Client(config())
      await oauthSignIn(me, 'strict', { id: `s-${run}-1`, email: unverified })
      await oauthSignIn(me, 'trusting', { id: `t-${run}-3`, email: email() })
      expect(await a().getUserByAccount({ provider: 'trusting', providerAccountId: `t-${run}-3` })).toMatchObject({ id: u1!.id })
      expect(location(await oauthSignIn(me, 'trusting', { id: `t-${run}-2`, email: verified })).searchParams.get('error')).toBe('OAuthAccountNotLinked')
    })

    it('pre-account takeover: a user created from an unverified OAuth address is never adopted by a proof of it', async () => {
      offset = 0
      const victim = email()
      // The attacker signs in through a provider that does not affirm the victim's address.
      const attacker = new Client(config())
      expect(location(await oauthSignIn(attacker, 'strict', { id: `evil-${run}`, email: victim, email_verified: false })).pathname).toBe('/')
      const squatter = await a().getUserByAccount({ provider: 'strict', providerAccountId: `evil-${run}` })
      expect(squatter).toMatchObject({ email: victim, emailVerified: null })
      // The victim proves the address by magic link: a fresh user, not the attacker's.
      const v = new Client(config())
      expect(location(await open(v, await magicLink(v, victim))).pathname).toBe('/')
      const owner = await a().getUserByEmail(victim)
      expect(owner!.id).not.toBe(squatter!.id)
      expect(owner!.emailVerified).toBeInstanceOf(Date)
      expect((await v.session()).userId).toBe(owner!.id)
      // The attacker's IdP account still leads to the attacker's own user, which no longer holds the address.
      const again = new Client(config())
      await oauthSignIn(again, 'strict', { id: `evil-${run}`, email: victim, email_verified: false })
      expect((await again.session()).userId).toBe(squatter!.id)
      expect((await a().getUser(squatter!.id))!.email ?? null).toBeNull()
      // A provider that affirms an address also evicts an unproven holder instead of joining it.
      const second = email()
      await oauthSignIn(new Client(config()), 'strict', { id: `evil2-${run}`, email: second })
      const held = await a().getUserByAccount({ provider: 'strict', providerAccountId: `evil2-${run}` })
      const g = new Client(config())
      expect(location(await oauthSignIn(g, 'trusting', { id: `good-${run}`, email: second, email_verified: true })).pathname).toBe('/')
      const mine = await a().getUserByAccount({ provider: 'trusting', providerAccountId: `good-${run}` })
      expect(mine!.id).not.toBe(held!.id)
      expect(mine).toMatchObject({ email: second })
      expect(mine!.emailVerified).toBeInstanceOf(Date)
    })

    it('session management: list and revoke database sessions; sign out everywhere ends JWTs', async (t) => {
      if (!a().listSessions || !a().getSessionVersion || !a().bumpSessionVersion) return t.skip()
      offset = 0
      const user = await a().createUser({ id: crypto.randomUUID(), email: email(), emailVerified: null })
      const [x, y] = [new Client(config()), new Client(config())]
      for (const c of [x, y]) await c.post('/auth/callback/credentials', { userId: user.id, password: 'pw' })
      const list = await listSessions(config(), user.id, { request: new Request(ORIGIN, { headers: { cookie: x.jar.header() } }) })
      expect(list).toHaveLength(2)
      expect(await revokeSession(config(), user.id, list.find((s) => !s.current)!.id)).toBe(true)
      expect(await y.session()).toBeNull()
      expect(await x.session()).not.toBeNull()
      const j = new Client(config('jwt'))
      await j.post('/auth/callback/credentials', { userId: user.id, password: 'pw' })
      expect(await j.session()).not.toBeNull()
      await signOutEverywhere(config(), user.id)
      expect(await j.session()).toBeNull()
      expect(await x.session()).toBeNull()
    })
  })
}
