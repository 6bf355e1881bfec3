import { describe, expect, it } from 'vitest'
import { Browser, COOKIE, link, overview, post, setup, signIn, submit } from './support.js'

const loc = (res: Response) => new URL(res.headers.get('location')!)
const errorOf = async (res: Response) => ((await res.json()) as { error?: string }).error

describe.each(['database', 'jwt'] as const)('account: unlink, delete, sessions (%s sessions)', (strategy) => {
  it('unlink: refused for the last way to sign in, allowed once another exists', async () => {
    const { config, adapter, alpha, beta } = setup(strategy)
    const b = await signIn(config, alpha, { id: 'a-1', email: 'ada@example.com' })
    const last = await post(b, 'unlink', { provider: 'alpha', providerAccountId: 'a-1' })
    expect(last.status).toBe(400)
    expect(await errorOf(last)).toBe('InvalidRequest')
    expect(await adapter.getUserByAccount({ provider: 'alpha', providerAccountId: 'a-1' })).not.toBeNull()
    await link(b, beta, { id: 'b-1' })
    const ok = await post(b, 'unlink', { provider: 'alpha' })
    expect(ok.status).toBe(200)
    expect(await ok.json()).toMatchObject({ ok: true, unlinked: { provider: 'alpha', providerAccountId: 'a-1' } })
    expect(await adapter.getUserByAccount({ provider: 'alpha', providerAccountId: 'a-1' })).toBeNull()
    expect((await overview(b)).body.accounts.map((a: any) => a.provider)).toEqual(['beta'])
  })

  it('unlink: another user’s account is no account of yours', async () => {
    const { config, adapter, alpha, beta } = setup(strategy)
    await signIn(config, beta, { id: 'b-bob' })
    const b = await signIn(config, alpha, { id: 'a-1' })
    await link(b, beta, { id: 'b-ada' })
    const res = await post(b, 'unlink', { provider: 'beta', providerAccountId: 'b-bob' })
    expect(res.status).toBe(400)
    expect(await adapter.getUserByAccount({ provider: 'beta', providerAccountId: 'b-bob' })).not.toBeNull()
  })

  it('unlink, delete and e-mail change need CSRF and a recent sign-in', async () => {
    const { config, adapter, alpha, beta, mails, tick } = setup(strategy)
    const b = await signIn(config, alpha, { id: 'a-1', email: 'ada@example.com' })
    await link(b, beta, { id: 'b-1' })
    const actions: [string, Record<string, string>][] = [
      ['unlink', { provider: 'beta' }],
      ['email', { email: 'new@example.com' }],
      ['delete', {}],
    ]
    for (const [path, fields] of actions) {
      const res = await post(b, path, fields, false)
      expect(res.status, path).toBe(403)
      expect(await errorOf(res), path).toBe('MissingCSRF')
      const forged = await b.fetch(`/auth/account/${path}`, { json: { csrfToken: 'forged', ...fields }, headers: { accept: 'application/json' } })
      expect(forged.status, path).toBe(403)
    }
    tick(301)
    for (const [path, fields] of actions) {
      const res = await post(b, path, fields)
      expect(res.status, path).toBe(403)
      expect(await errorOf(res), path).toBe('SessionNotFresh')
    }
    // A browser is sent to sign in again, and back here afterwards.
    const page = await submit(b, 'delete')
    expect(loc(page).pathname).toBe('/auth/signin')
    expect(loc(page).searchParams.get('error')).toBe('SessionNotFresh')
    expect(mails).toHaveLength(0)
    expect(await adapter.getUserByAccount({ provider: 'beta', providerAccountId: 'b-1' })).not.toBeNull()
    expect((await overview(b)).body.user.email).toBe('ada@example.com')
    // Signing in again makes the session recent.
    await signIn(config, alpha, { id: 'a-1', email: 'ada@example.com' }, b)
    expect((await post(b, 'unlink', { provider: 'beta' })).status).toBe(200)
  })

  it('delete: user, accounts and sessions gone, deleteUser fires, cookies cleared, other browsers signed out', async () => {
    const { config, adapter, alpha, beta, events } = setup(strategy)
    const b = await signIn(config, alpha, { id: 'a-1', email: 'ada@example.com' })
    await link(b, beta, { id: 'b-1' })
    const other = await signIn(config, alpha, { id: 'a-1', email: 'ada@example.com' })
    const user = await adapter.getUserByAccount({ provider: 'alpha', providerAccountId: 'a-1' })
    const res = await post(b, 'delete')
    expect(res.status).toBe(200)
    expect(await res.json()).toMatchObject({ ok: true, deleted: true })
    expect(res.headers.getSetCookie().some((c) => c.startsWith(`${COOKIE}=;`) || c.startsWith(`${COOKIE}=`) && /max-age=0/i.test(c))).toBe(true)
    expect(b.jar.has(COOKIE)).toBe(false)
    expect(events).toContain('deleteUser:ada@example.com')
    expect(await adapter.getUser(user!.id)).toBeNull()
    expect(await adapter.getUserByAccount({ provider: 'alpha', providerAccountId: 'a-1' })).toBeNull()
    expect(await adapter.getUserByAccount({ provider: 'beta', providerAccountId: 'b-1' })).toBeNull()
    expect(await adapter.listSessions(user!.id)).toEqual([])
    expect(await b.session()).toBeNull()
    expect((await overview(other)).status).toBe(401)
    // JWTs too: the token was stamped as an adapter user's, and the adapter has no such user any more.
    expect(await other.session()).toBeNull()
  })

  it('delete from the page: the confirmation page, cookies cleared', async () => {
    const { config, adapter, alpha } = setup(strategy)
    const b = await signIn(config, alpha, { id: 'a-1', email: 'ada@example.com' })
    const res = await submit(b, 'delete')
    expect(res.status).toBe(200)
    expect(await res.text()).toContain('Account deleted')
    expect(b.jar.has(COOKIE)).toBe(false)
    expect(await adapter.getUserByAccount({ provider: 'alpha', providerAccountId: 'a-1' })).toBeNull()
  })

  it('sessions: list, revoke one (database), sign out the others', async () => {
    const { config, alpha } = setup(strategy)
    const b = await signIn(config, alpha, { id: 'a-1', email: 'ada@example.com' })
    const other = await signIn(config, alpha, { id: 'a-1', email: 'ada@example.com' })
    const third = await signIn(config, alpha, { id: 'a-1', email: 'ada@example.com' })
    const list = await b.fetch('/auth/account/sessions', { headers: { accept: 'application/json' } })
    const { sessions } = (await list.json()) as { sessions: { id: string; current: boolean }[] }
    if (strategy === 'database') {
      expect(sessions).toHaveLength(3)
      expect(sessions.filter((s) => s.current)).toHaveLength(1)
      expect(JSON.stringify(sessions)).not.toContain(other.jar.get(COOKIE)!)
      const target = sessions.find((s) => !s.current)!
      expect((await post(b, 'sessions/revoke', { id: target.id }, false)).status).toBe(403)
      expect((await post(b, 'sessions/revoke', { id: target.id })).status).toBe(200)
      expect(((await other.session()) === null) !== ((await third.session()) === null)).toBe(true)
    } else expect(sessions).toEqual([])
    const res = await post(b, 'sessions/revoke-others')
    expect(res.status).toBe(200)
    expect(await other.session()).toBeNull()
    expect(await third.session()).toBeNull()
    expect((await b.session())?.user.email).toBe('ada@example.com')
  })

  it('unknown account routes are 404, a wrong method 405', async () => {
    const { config, alpha } = setup(strategy)
    const b = await signIn(config, alpha, { id: 'a-1' })
    expect((await b.fetch('/auth/account/nope')).status).toBe(404)
    expect((await b.fetch('/auth/account/link/alpha/extra', { method: 'POST', json: {} })).status).toBe(404)
    expect((await b.fetch('/auth/account/delete')).status).toBe(405)
    expect((await b.fetch('/auth/session/extra')).status).toBe(404)
  })
})
