import { describe, expect, it } from 'vitest'
import { SessionNotFresh, InvalidRequest } from '../../src/errors.js'
import { accountAdmin, changeEmail, deleteAccount, getAccount, listAccounts, unlinkAccount } from '../../src/account/api.js'
import { Browser, link, setup, signIn } from './support.js'
import { settleBackground } from '../support/background.js'

const requestOf = (b: Browser) => new Request('http://app.test/settings', { headers: { cookie: b.cookieHeader() } })

describe.each(['database', 'jwt'] as const)('@latch/core/account server helpers (%s sessions)', (strategy) => {
  it('read the signed-in user’s account through Auth(), refuse what the routes refuse', async () => {
    const { config, adapter, alpha, beta, mails, tick } = setup(strategy)
    expect(await getAccount(requestOf(new Browser(config)), config)).toBeNull()
    const b = await signIn(config, alpha, { id: 'a-1', email: 'ada@example.com' })
    const info = await getAccount(requestOf(b), config)
    expect(info?.user.email).toBe('ada@example.com')
    expect(info?.recentSignIn).toBe(true)
    await expect(unlinkAccount(requestOf(b), config, { provider: 'alpha' })).rejects.toBeInstanceOf(InvalidRequest)
    await link(b, beta, { id: 'b-1' })
    expect((await listAccounts(requestOf(b), config)).map((a) => a.provider)).toEqual(['alpha', 'beta'])
    expect((await unlinkAccount(requestOf(b), config, { provider: 'beta' })).unlinked.provider).toBe('beta')
    expect((await changeEmail(requestOf(b), config, 'new@example.com')).sent).toBe(true)
    await settleBackground(config.waitUntil)
    expect(mails).toHaveLength(1)
    tick(301)
    await expect(deleteAccount(requestOf(b), config)).rejects.toBeInstanceOf(SessionNotFresh)
    await signIn(config, alpha, { id: 'a-1' }, b)
    const deleted = await deleteAccount(requestOf(b), config)
    expect(deleted.deleted).toBe(true)
    expect(deleted.setCookies.some((c) => c.startsWith('authjs.session-token=') && /max-age=0/i.test(c))).toBe(true)
    expect(await adapter.getUserByAccount({ provider: 'alpha', providerAccountId: 'a-1' })).toBeNull()
  })

  it('accountAdmin works by user id', async () => {
    const { config, adapter, alpha, events } = setup(strategy)
    await signIn(config, alpha, { id: 'a-1', email: 'ada@example.com' })
    const user = await adapter.getUserByAccount({ provider: 'alpha', providerAccountId: 'a-1' })
    const admin = accountAdmin(config)
    expect((await admin.listAccounts(user!.id)).map((a) => a.providerAccountId)).toEqual(['a-1'])
    await admin.delete(user!.id)
    expect(await adapter.getUser(user!.id)).toBeNull()
    expect(events).toContain('deleteUser:ada@example.com')
  })
})
