import { describe, expect, it, vi } from 'vitest'
import { CredentialsSignin, type AuthConfig } from '../src/index.js'
import type { AdapterUser } from '../src/adapters/types.js'
import Credentials from '../src/providers/credentials.js'
import { MemoryAdapter } from '../src/adapters/memory.js'
import { listSessions, revokeSession, revokeSessions, sessionManager, signOutEverywhere } from '../src/session/manage.js'
import { Browser, SECRET } from './support/client.js'
import { quietLogger } from './support/fake-oauth.js'

const COOKIE = 'authjs.session-token'

class AccountLocked extends CredentialsSignin {
  override reason = 'account_locked'
}
/** Auth.js v5 style: a subclass that overrides `code`. */
class AuthJsStyle extends CredentialsSignin {
  override readonly code = 'legacy_code' as never
}

async function setup(extra: Partial<AuthConfig> = {}) {
  let now = 1_800_000_000
  const adapter = MemoryAdapter({ now: () => now * 1000 })
  await adapter.createUser({ id: 'u1', email: 'ada@example.com', emailVerified: null, name: 'Ada' })
  const spies = {
    updateSession: vi.spyOn(adapter, 'updateSession'),
    deleteSession: vi.spyOn(adapter, 'deleteSession'),
  }
  const seenUsers: AdapterUser[] = []
  const config: AuthConfig = {
    secret: SECRET,
    url: 'http://app.test',
    logger: quietLogger,
    adapter,
    clock: () => now,
    session: { maxAge: 3600, updateAge: 600 },
    providers: [
      Credentials({
        credentials: { username: {}, password: {} },
        authorize: (c, request) => {
          if (!(request instanceof Request)) throw new Error('authorize() must receive the Request')
          if (c.username === 'locked') throw new AccountLocked()
          if (c.username === 'legacy') throw new AuthJsStyle()
          return c.username === 'ada' && c.password === 'pw' ? { id: 'u1', name: 'Ada', email: 'ada@example.com' } : c.username === 'ghost' ? { id: 'nope' } : null
        },
      }),
    ],
    callbacks: {
      session: ({ session, user }) => {
        if (!user) return session
        seenUsers.push(user)
        return { ...session, userId: user.id }
      },
    },
    ...extra,
  }
  return { adapter, spies, config, seenUsers, tick: (s: number) => void (now += s), now: () => now }
}

describe('database session strategy', () => {
  it('is the default with an adapter: an opaque random token in the cookie, the user in callbacks.session', async () => {
    const { config, seenUsers } = await setup()
    const b = new Browser(config)
    const res = await b.signInWithCredentials({ username: 'ada', password: 'pw' })
    expect(res.status).toBe(302)
    const token = b.jar.get(COOKIE)!
    expect(token).toMatch(/^[0-9a-f]{64}$/)
    const setCookie = res.headers.getSetCookie().find((c) => c.startsWith(`${COOKIE}=`))!
    expect(setCookie).toMatch(/HttpOnly/)
    const session = await b.session()
    expect(session).toMatchObject({ user: { name: 'Ada', email: 'ada@example.com' }, userId: 'u1' })
    expect(seenUsers[0]).toMatchObject({ id: 'u1', email: 'ada@example.com' })
    const other = new Browser(config)
    await other.signInWithCredentials({ username: 'ada', password: 'pw' })
    expect(other.jar.get(COOKIE)).not.toBe(token)
  })

  it('credentials work with database sessions: the row is created for the authorized user', async () => {
    const { adapter, config } = await setup()
    const b = new Browser(config)
    await b.signInWithCredentials({ username: 'ada', password: 'pw' })
    const rows = await adapter.listSessions('u1')
    expect(rows.map((r) => r.sessionToken)).toEqual([b.jar.get(COOKIE)])
  })

  it('a thrown CredentialsSignin carries its code to the sign-in page; no row, no cookie', async () => {
    const { config, adapter } = await setup()
    for (const [username, code] of [['locked', 'account_locked'], ['legacy', 'legacy_code'], ['nobody', 'credentials']] as const) {
      const b = new Browser(config)
      const res = await b.signInWithCredentials({ username, password: 'x' })
      const loc = new URL(res.headers.get('location')!)
      expect(loc.pathname).toBe('/auth/signin')
      expect(loc.searchParams.get('error')).toBe('CredentialsSignin')
      expect(loc.searchParams.get('code')).toBe(code)
      expect(b.jar.has(COOKIE)).toBe(false)
    }
    expect(await adapter.listSessions('u1')).toEqual([])
  })

  it('signing in again in the same browser replaces its previous session row', async () => {
    const { config, adapter } = await setup()
    const b = new Browser(config)
    await b.signInWithCredentials({ username: 'ada', password: 'pw' })
    const first = b.jar.get(COOKIE)!
    await b.signInWithCredentials({ username: 'ada', password: 'pw' })
    expect(b.jar.get(COOKIE)).not.toBe(first)
    expect(await adapter.getSessionAndUser(first)).toBeNull()
    expect((await adapter.listSessions('u1')).map((s) => s.sessionToken)).toEqual([b.jar.get(COOKIE)])
  })

  it('an authorize() id the adapter does not know never yields a session', async () => {
    const { config, adapter } = await setup()
    const b = new Browser(config)
    const res = await b.signInWithCredentials({ username: 'ghost', password: 'x' })
    expect(res.status).toBe(302)
    expect(new URL(res.headers.get('location')!).searchParams.get('error')).toBe('Configuration')
    expect(b.jar.has(COOKIE)).toBe(false)
    expect(await adapter.listSessions('nope')).toEqual([])
  })

  it('throttles writes with updateAge and extends the cookie and row after it', async () => {
    const { config, spies, tick, now } = await setup()
    const b = new Browser(config)
    await b.signInWithCredentials({ username: 'ada', password: 'pw' })
    const first = await b.session()
    tick(300)
    const r1 = await b.fetch('/auth/session')
    expect(r1.headers.getSetCookie()).toEqual([])
    expect(spies.updateSession).not.toHaveBeenCalled()
    expect((await r1.json()).expires).toBe(first.expires)
    tick(301)
    const r2 = await b.fetch('/auth/session')
    expect(spies.updateSession).toHaveBeenCalledTimes(1)
    expect(r2.headers.getSetCookie().some((c) => c.startsWith(`${COOKIE}=`))).toBe(true)
    expect(new Date((await r2.json()).expires).getTime()).toBe((now() + 3600) * 1000)
    tick(10)
    await b.session()
    await b.session()
    expect(spies.updateSession).toHaveBeenCalledTimes(1)
  })

  it('an expired session is deleted and the cookie cleared', async () => {
    const { config, spies, tick, adapter } = await setup()
    const b = new Browser(config)
    await b.signInWithCredentials({ username: 'ada', password: 'pw' })
    const token = b.jar.get(COOKIE)!
    tick(3601)
    const res = await b.fetch('/auth/session')
    expect(await res.json()).toBeNull()
    expect(spies.deleteSession).toHaveBeenCalledWith(token)
    expect(b.jar.has(COOKIE)).toBe(false)
    expect(await adapter.getSessionAndUser(token)).toBeNull()
  })

  it('sign-out deletes the row', async () => {
    const { config, adapter } = await setup()
    const b = new Browser(config)
    await b.signInWithCredentials({ username: 'ada', password: 'pw' })
    const token = b.jar.get(COOKIE)!
    const csrfToken = await b.csrf()
    const out = await b.fetch('/auth/signout', { form: { csrfToken } })
    expect(out.status).toBe(302)
    expect(await adapter.getSessionAndUser(token)).toBeNull()
    expect(b.jar.has(COOKIE)).toBe(false)
    // The old cookie, replayed, is no session.
    const replay = new Browser(config)
    replay.jar.set(COOKIE, token)
    expect(await replay.session()).toBeNull()
  })

  it('an unknown, oversized or garbage session cookie is no session (and no 500)', async () => {
    const { config } = await setup()
    for (const value of ['0'.repeat(64), 'x'.repeat(5000), '%ZZ', '"quoted"']) {
      const b = new Browser(config)
      b.jar.set(COOKIE, value)
      const res = await b.fetch('/auth/session')
      expect(res.status).toBe(200)
      expect(await res.json()).toBeNull()
    }
  })

  it('lists, revokes one and revokes the others', async () => {
    const { config } = await setup()
    const browsers = [new Browser(config), new Browser(config), new Browser(config)]
    for (const b of browsers) await b.signInWithCredentials({ username: 'ada', password: 'pw' })
    const req = new Request('http://app.test/account', { headers: { cookie: browsers[0]!.cookieHeader() } })
    const list = await listSessions(config, 'u1', { request: req })
    expect(list).toHaveLength(3)
    expect(list.filter((s) => s.current)).toHaveLength(1)
    for (const s of list) {
      expect(s.id).toMatch(/^[0-9a-f]{32}$/)
      expect(browsers.map((b) => b.jar.get(COOKIE))).not.toContain(s.id)
    }
    const victim = list.find((s) => !s.current)!
    expect(await revokeSession(config, 'u1', victim.id)).toBe(true)
    expect(await revokeSession(config, 'u1', victim.id)).toBe(false)
    expect(await revokeSession(config, 'someone-else', list.find((s) => s.current)!.id)).toBe(false)
    expect(await listSessions(config, 'u1')).toHaveLength(2)
    expect(await revokeSessions(config, 'u1', { except: req })).toBe(1)
    expect(await browsers[0]!.session()).not.toBeNull()
    expect(await browsers[1]!.session()).toBeNull()
    expect(await browsers[2]!.session()).toBeNull()
  })

  it('behind a TLS proxy (trustHost, no AUTH_URL), revokeSessions keeps the session of the `except` request', async () => {
    const { config } = await setup({ url: undefined, trustHost: true })
    const proxied = { 'x-forwarded-proto': 'https' }
    const browsers = [new Browser(config), new Browser(config)]
    for (const b of browsers) {
      const { csrfToken } = (await (await b.fetch('/auth/csrf', { headers: proxied })).json()) as { csrfToken: string }
      await b.fetch('/auth/callback/credentials', { headers: proxied, form: { csrfToken, username: 'ada', password: 'pw' } })
      expect(b.jar.has(`__Secure-${COOKIE}`)).toBe(true)
    }
    const req = new Request('http://app.test/account', { headers: { ...proxied, cookie: browsers[0]!.cookieHeader() } })
    expect((await listSessions(config, 'u1', { request: req })).filter((s) => s.current)).toHaveLength(1)
    expect(await revokeSessions(config, 'u1', { except: req })).toBe(1)
    const session = async (b: Browser) => (await b.fetch('/auth/session', { headers: proxied })).json()
    expect(await session(browsers[0]!)).not.toBeNull()
    expect(await session(browsers[1]!)).toBeNull()
  })

  it('revokeSessions by ids, through a bound session manager', async () => {
    const { config } = await setup()
    const sessions = sessionManager(config)
    const browsers = [new Browser(config), new Browser(config), new Browser(config)]
    for (const b of browsers) await b.signInWithCredentials({ username: 'ada', password: 'pw' })
    const ids = (await sessions.list('u1')).map((s) => s.id)
    expect(await sessions.revokeMany('u1', { ids: [ids[0]!, ids[1]!, 'f'.repeat(32)] })).toBe(2)
    expect(await sessions.list('u1')).toHaveLength(1)
    expect(await sessions.revokeMany('someone-else')).toBe(0)
  })

  it('session management needs an adapter', async () => {
    const { config } = await setup()
    await expect(listSessions({ ...config, adapter: undefined, session: { strategy: 'jwt' } }, 'u1')).rejects.toMatchObject({ code: 'MissingAdapter' })
  })

  it('signOutEverywhere deletes every database session', async () => {
    const { config } = await setup()
    const a = new Browser(config)
    const b = new Browser(config)
    await a.signInWithCredentials({ username: 'ada', password: 'pw' })
    await b.signInWithCredentials({ username: 'ada', password: 'pw' })
    await signOutEverywhere(config, 'u1')
    expect(await a.session()).toBeNull()
    expect(await b.session()).toBeNull()
  })
})

describe('JWT sessions with an adapter: sign out everywhere', () => {
  it('bumping the session version ends every JWT issued before; new sign-ins work', async () => {
    const { config } = await setup({ session: { strategy: 'jwt', maxAge: 3600, updateAge: 600 } })
    const a = new Browser(config)
    const b = new Browser(config)
    await a.signInWithCredentials({ username: 'ada', password: 'pw' })
    await b.signInWithCredentials({ username: 'ada', password: 'pw' })
    expect(a.jar.get(COOKIE)!.split('.')).toHaveLength(5)
    expect((await a.session()).user.email).toBe('ada@example.com')
    const stale = a.jar.get(COOKIE)!
    const start = Number(await config.adapter!.getSessionVersion!('u1'))
    expect(await signOutEverywhere(config, 'u1')).toBe(start + 1)
    const res = await a.fetch('/auth/session')
    expect(await res.json()).toBeNull()
    expect(a.jar.has(COOKIE)).toBe(false)
    expect(await b.session()).toBeNull()
    const c = new Browser(config)
    await c.signInWithCredentials({ username: 'ada', password: 'pw' })
    expect((await c.session()).user.email).toBe('ada@example.com')
    const replay = new Browser(config)
    replay.jar.set(COOKIE, stale)
    expect(await replay.session()).toBeNull()
  })

  it('a re-issued JWT keeps its version even when the jwt callback rebuilds the token', async () => {
    const { config, tick } = await setup({
      session: { strategy: 'jwt', maxAge: 3600, updateAge: 600 },
      callbacks: { jwt: ({ token }) => ({ sub: token.sub, name: token.name, email: token.email }) },
    })
    const a = new Browser(config)
    await a.signInWithCredentials({ username: 'ada', password: 'pw' })
    await signOutEverywhere(config, 'u1')
    const fresh = new Browser(config)
    await fresh.signInWithCredentials({ username: 'ada', password: 'pw' })
    tick(700)
    const res = await fresh.fetch('/auth/session')
    expect(res.headers.getSetCookie().some((c) => c.startsWith(`${COOKIE}=`))).toBe(true)
    expect((await fresh.session()).user.email).toBe('ada@example.com')
  })
})
