/**
 * Account management through `Auth()` against the adapter under test (run by defineAdapterFlows, so by every
 * adapter's suite): linking while signed in, unlinking (never the last way in), the e-mail change through its
 * verification token, and deletion removing sessions and accounts. JWT and database sessions. Edge-safe; needs vitest.
 */
import { eventually } from './eventually.js'
import { describe, expect, it } from 'vitest'
import type { Adapter } from '../adapters/types.js'
import type { AuthConfig } from '../types.js'
import type { AccountEmail } from '../account/types.js'
import { Auth } from '../auth.js'
import { customFetch } from '../symbols.js'
import { fakeIdp } from './fake-idp.js'
import { CookieJar } from './cookie-jar.js'
import { confirmationForm } from './magic-link.js'

const ORIGIN = 'http://account-flows.test'

export function defineAccountFlows(name: string, getAdapter: () => Adapter): void {
  const run = crypto.randomUUID().slice(0, 8)
  const idp = fakeIdp()
  const mails: AccountEmail[] = []
  const oauth = (id: string) => idp.provider(id)
  const config = (strategy: 'database' | 'jwt'): AuthConfig => ({
    secret: `account-flows-secret-${run}-0123456789abcdef`,
    url: ORIGIN,
    adapter: getAdapter(),
    session: { strategy },
    logger: { error: () => {}, warn: () => {}, debug: () => {} },
    rateLimit: false,
    providers: [oauth('one'), oauth('two')],
    account: { sendEmail: (m) => void mails.push(m) },
    [customFetch]: idp.fetch,
  })
  const a = () => getAdapter() as Required<Adapter>

  async function send(c: AuthConfig, jar: CookieJar, path: string, form?: Record<string, string>, accept = 'application/json') {
    const headers = new Headers({ accept })
    if (jar.cookies.size) headers.set('cookie', jar.header())
    if (form) headers.set('content-type', 'application/x-www-form-urlencoded')
    const res = await Auth(new Request(new URL(path, ORIGIN), { method: form ? 'POST' : 'GET', headers, body: form ? new URLSearchParams(form).toString() : undefined }), c)
    jar.apply(res)
    return res
  }
  async function post(c: AuthConfig, jar: CookieJar, path: string, form: Record<string, string> = {}) {
    const { csrfToken } = (await (await send(c, jar, '/auth/csrf')).json()) as { csrfToken: string }
    return send(c, jar, path, { csrfToken, ...form })
  }
  /** Back from the provider named in the authorization URL as `p`. */
  async function callback(c: AuthConfig, jar: CookieJar, authorization: string, p: Record<string, unknown>) {
    idp.state.profile = p
    const authz = new URL(authorization)
    const cb = new URL(authz.searchParams.get('redirect_uri')!)
    cb.searchParams.set('code', 'c')
    cb.searchParams.set('state', authz.searchParams.get('state')!)
    return send(c, jar, cb.pathname + cb.search, undefined, 'text/html')
  }

  describe.each(['database', 'jwt'] as const)(`Latch account management on ${name} (%s sessions)`, (strategy) => {
    it('link while signed in, unlink but never the last way in, change the e-mail through its link, delete everything', async () => {
      const c = config(strategy)
      const jar = new CookieJar()
      const start = await post(c, jar, '/auth/signin/one')
      expect((await callback(c, jar, start.headers.get('location')!, { id: `one-${strategy}-${run}`, email: `acct-${strategy}-${run}@flows.example` })).status).toBe(302)
      const user = (await a().getUserByAccount({ provider: 'one', providerAccountId: `one-${strategy}-${run}` }))!
      expect(user).toBeTruthy()
      const link = (await (await post(c, jar, '/auth/account/link/two')).json()) as { url: string }
      const linked = await callback(c, jar, link.url, { id: `two-${strategy}-${run}` })
      expect(new URL(linked.headers.get('location')!).searchParams.get('done')).toBe('linked:two')
      expect(await a().getUserByAccount({ provider: 'two', providerAccountId: `two-${strategy}-${run}` })).toMatchObject({ id: user.id })
      if (a().listAccounts) expect((await a().listAccounts(user.id)).map((x) => x.provider).sort()).toEqual(['one', 'two'])

      expect((await post(c, jar, '/auth/account/unlink', { provider: 'one' })).status).toBe(200)
      expect((await post(c, jar, '/auth/account/unlink', { provider: 'two' })).status).toBe(400)
      expect(await a().getUserByAccount({ provider: 'two', providerAccountId: `two-${strategy}-${run}` })).toMatchObject({ id: user.id })

      const address = `new-${strategy}-${run}@flows.example`
      expect((await post(c, jar, '/auth/account/email', { email: address })).status).toBe(200)
      // The link goes out after the answer (background/run.ts): wait for it.
      const mail = (await eventually(() => mails.find((m) => m.kind === 'verify-new-email' && m.to === address), 'the e-mail change link')) as { url: string }
      expect((await a().getUser(user.id))!.email).toBe(user.email)
      const u = new URL(mail.url)
      const form = confirmationForm(await (await send(c, jar, u.pathname + u.search, undefined, 'text/html')).text())!
      expect((await send(c, jar, new URL(form.action).pathname, form.fields)).status).toBe(200)
      expect(await a().getUser(user.id)).toMatchObject({ email: address })
      expect((await send(c, new CookieJar(), new URL(form.action).pathname, form.fields)).status).toBe(403)
      expect((await post(c, new CookieJar(), new URL(form.action).pathname, { token: form.fields.token! })).status).toBe(400)

      const deleted = await post(c, jar, '/auth/account/delete')
      expect(deleted.status).toBe(200)
      expect(jar.has('session-token')).toBe(false)
      expect(await a().getUser(user.id)).toBeNull()
      expect(await a().getUserByAccount({ provider: 'two', providerAccountId: `two-${strategy}-${run}` })).toBeNull()
      expect(await a().getUserByEmail(address)).toBeNull()
      if (a().listAccounts) expect(await a().listAccounts(user.id)).toEqual([])
      if (a().listSessions) expect(await a().listSessions(user.id)).toEqual([])
    })
  })
}
