/**
 * The adapter conformance suite, for adapter authors. Runs the Auth.js adapter contract (and Latch's
 * optional session-management extensions, when the adapter has them) against a real backend:
 *
 *   import { defineAdapterSuite } from '@latch/core/testing/adapter'
 *   defineAdapterSuite({ name: 'my-db', connect: () => ping(), adapter: () => MyAdapter(client), teardown })
 *
 * `connect` should throw an Error that says how to start the server: the suite fails (never skips) on it.
 * Needs vitest (an optional peer dependency of @latch/core). Edge-safe: no `node:` imports.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Adapter, AdapterAccount, AdapterUser } from '../adapters/types.js'
import { defineAdapterFlows } from './adapter-flows.js'
import { defineAdapterPasskeyCases } from './adapter-passkeys.js'
import { definePasswordAdapterCases, definePasswordFlows } from './adapter-passwords.js'
import { defineTwoFactorAdapterCases } from './adapter-two-factor.js'

export { defineAdapterFlows }

export interface AdapterSuiteOptions {
  name: string
  /** Reach the backend; throw a message naming the command that starts it. */
  connect?: () => unknown
  adapter: () => Adapter | Promise<Adapter>
  /** Close connections, drop test schemas/keys. */
  teardown?: () => unknown
  /** Skip the Latch extension checks (listSessions, deleteSessionsByUser, session versions). Default false. */
  skipExtensions?: boolean
  /** Also run Latch's sign-in flows through `Auth()` on this adapter (magic links, sessions, linking). Default true. */
  flows?: boolean
}

const REQUIRED = [
  'createUser', 'getUser', 'getUserByEmail', 'getUserByAccount', 'updateUser', 'deleteUser', 'linkAccount', 'unlinkAccount',
  'createSession', 'getSessionAndUser', 'updateSession', 'deleteSession', 'createVerificationToken', 'useVerificationToken',
] as const

type Full = Required<Adapter>

export function defineAdapterSuite(options: AdapterSuiteOptions): void {
  let a: Full
  let connectError: unknown
  const run = crypto.randomUUID().slice(0, 8)
  let n = 0
  const email = () => `user-${run}-${++n}@conformance.example`
  const hour = 60 * 60 * 1000
  const inAnHour = () => new Date(Math.floor(Date.now() / 1000) * 1000 + hour)

  async function makeUser(extra: Partial<AdapterUser> = {}): Promise<AdapterUser> {
    return a.createUser({ id: crypto.randomUUID(), email: email(), emailVerified: null, name: 'Conformance', image: null, ...extra })
  }

  function accountFor(userId: string, provider = `prov${run}`): AdapterAccount {
    return {
      userId,
      type: 'oauth',
      provider,
      providerAccountId: crypto.randomUUID(),
      access_token: 'at',
      refresh_token: 'rt',
      expires_at: Math.floor(Date.now() / 1000) + 3600,
      token_type: 'bearer',
      scope: 'openid email',
      id_token: 'idt',
      session_state: 'st',
    }
  }

  describe(`adapter conformance: ${options.name}`, () => {
    beforeAll(async () => {
      try {
        await options.connect?.()
      } catch (e) {
        connectError = e
        throw e instanceof Error ? e : new Error(String(e))
      }
      a = (await options.adapter()) as Full
    })
    afterAll(async () => {
      await options.teardown?.()
    })

    it('implements every Auth.js adapter method', () => {
      expect(connectError).toBeUndefined()
      const missing = REQUIRED.filter((m) => typeof a[m] !== 'function')
      expect(missing).toEqual([])
    })

    it('creates and reads users by id and by email', async () => {
      const verified = new Date('2024-01-02T03:04:05.000Z')
      const u = await makeUser({ emailVerified: verified, name: 'Ada', image: 'https://img.example/a.png' })
      expect(typeof u.id).toBe('string')
      expect(u.id.length).toBeGreaterThan(0)
      expect(u).toMatchObject({ name: 'Ada', image: 'https://img.example/a.png' })
      expect(new Date(u.emailVerified!).getTime()).toBe(verified.getTime())
      const byId = await a.getUser(u.id)
      expect(byId).toMatchObject({ id: u.id, email: u.email, name: 'Ada' })
      expect(byId!.emailVerified).toBeInstanceOf(Date)
      expect(byId!.emailVerified!.getTime()).toBe(verified.getTime())
      expect(await a.getUserByEmail(u.email)).toMatchObject({ id: u.id })
    })

    it('answers null for unknown users', async () => {
      expect(await a.getUser(crypto.randomUUID())).toBeNull()
      expect(await a.getUserByEmail(`nobody-${run}@conformance.example`)).toBeNull()
      expect(await a.getUserByAccount({ provider: `none${run}`, providerAccountId: 'x' })).toBeNull()
    })

    it('updates a user, keeping the fields not given', async () => {
      const u = await makeUser()
      const when = new Date('2025-05-05T05:05:05.000Z')
      const updated = await a.updateUser({ id: u.id, name: 'Renamed', emailVerified: when })
      expect(updated).toMatchObject({ id: u.id, email: u.email, name: 'Renamed' })
      const read = await a.getUser(u.id)
      expect(read).toMatchObject({ id: u.id, email: u.email, name: 'Renamed' })
      expect(read!.emailVerified!.getTime()).toBe(when.getTime())
    })

    it('links, finds and unlinks accounts', async () => {
      const u = await makeUser()
      const acc = accountFor(u.id)
      await a.linkAccount(acc)
      expect(await a.getUserByAccount({ provider: acc.provider, providerAccountId: acc.providerAccountId })).toMatchObject({ id: u.id })
      // Same providerAccountId at another provider is another account.
      expect(await a.getUserByAccount({ provider: `${acc.provider}x`, providerAccountId: acc.providerAccountId })).toBeNull()
      await a.unlinkAccount({ provider: acc.provider, providerAccountId: acc.providerAccountId })
      expect(await a.getUserByAccount({ provider: acc.provider, providerAccountId: acc.providerAccountId })).toBeNull()
      expect(await a.getUser(u.id)).toMatchObject({ id: u.id })
    })

    it('creates, reads, extends and deletes sessions', async () => {
      const u = await makeUser()
      const token = `st-${crypto.randomUUID()}`
      const expires = inAnHour()
      const s = await a.createSession({ sessionToken: token, userId: u.id, expires })
      expect(s).toMatchObject({ sessionToken: token, userId: u.id })
      const found = await a.getSessionAndUser(token)
      expect(found?.session).toMatchObject({ sessionToken: token, userId: u.id })
      expect(found!.session.expires).toBeInstanceOf(Date)
      expect(found!.session.expires.getTime()).toBe(expires.getTime())
      expect(found?.user).toMatchObject({ id: u.id, email: u.email })
      const later = new Date(expires.getTime() + hour)
      await a.updateSession({ sessionToken: token, expires: later })
      expect((await a.getSessionAndUser(token))!.session.expires.getTime()).toBe(later.getTime())
      await a.deleteSession(token)
      expect(await a.getSessionAndUser(token)).toBeNull()
      expect(await a.getSessionAndUser(`missing-${crypto.randomUUID()}`)).toBeNull()
    })

    it('uses a verification token once, matched on identifier and token', async () => {
      const identifier = email()
      const token = `vt-${crypto.randomUUID()}`
      const expires = inAnHour()
      await a.createVerificationToken({ identifier, token, expires })
      expect(await a.useVerificationToken({ identifier: email(), token })).toBeNull()
      expect(await a.useVerificationToken({ identifier, token: `${token}x` })).toBeNull()
      const used = await a.useVerificationToken({ identifier, token })
      expect(used).toMatchObject({ identifier, token })
      expect(new Date(used!.expires).getTime()).toBe(expires.getTime())
      expect(await a.useVerificationToken({ identifier, token })).toBeNull()
    })

    it('hands a verification token to exactly one of many concurrent users', async () => {
      const identifier = email()
      const token = `vt-${crypto.randomUUID()}`
      await a.createVerificationToken({ identifier, token, expires: inAnHour() })
      const results = await Promise.all(Array.from({ length: 8 }, () => a.useVerificationToken({ identifier, token })))
      expect(results.filter(Boolean)).toHaveLength(1)
    })

    it('deleting a user removes its sessions and accounts', async () => {
      const u = await makeUser()
      const acc = accountFor(u.id)
      await a.linkAccount(acc)
      const token = `st-${crypto.randomUUID()}`
      await a.createSession({ sessionToken: token, userId: u.id, expires: inAnHour() })
      await a.deleteUser(u.id)
      expect(await a.getUser(u.id)).toBeNull()
      expect(await a.getUserByEmail(u.email)).toBeNull()
      expect(await a.getSessionAndUser(token)).toBeNull()
      expect(await a.getUserByAccount({ provider: acc.provider, providerAccountId: acc.providerAccountId })).toBeNull()
    })

    if (options.flows !== false) defineAdapterFlows(options.name, () => a)
    defineAdapterPasskeyCases(() => a, () => makeUser())
    if (options.flows !== false) definePasswordFlows(options.name, () => a)

    describe.skipIf(options.skipExtensions === true)('Latch extensions', () => {
      it('lists only the live sessions of one user', async (t) => {
        if (typeof a.listSessions !== 'function') return t.skip()
        const u1 = await makeUser()
        const u2 = await makeUser()
        const t1 = `st-${crypto.randomUUID()}`
        const t2 = `st-${crypto.randomUUID()}`
        await a.createSession({ sessionToken: t1, userId: u1.id, expires: inAnHour() })
        await a.createSession({ sessionToken: t2, userId: u1.id, expires: inAnHour() })
        await a.createSession({ sessionToken: `st-${crypto.randomUUID()}`, userId: u2.id, expires: inAnHour() })
        const list = await a.listSessions(u1.id)
        expect(list.map((s) => s.sessionToken).sort()).toEqual([t1, t2].sort())
        for (const s of list) expect(s.userId).toBe(u1.id)
      })

      it('deletes every session of one user', async (t) => {
        if (typeof a.deleteSessionsByUser !== 'function') return t.skip()
        const u1 = await makeUser()
        const u2 = await makeUser()
        const t1 = `st-${crypto.randomUUID()}`
        const other = `st-${crypto.randomUUID()}`
        await a.createSession({ sessionToken: t1, userId: u1.id, expires: inAnHour() })
        await a.createSession({ sessionToken: other, userId: u2.id, expires: inAnHour() })
        await a.deleteSessionsByUser(u1.id)
        expect(await a.getSessionAndUser(t1)).toBeNull()
        expect(await a.getSessionAndUser(other)).not.toBeNull()
      })

      it('lists the accounts linked to one user, and not after unlinking', async (t) => {
        if (typeof a.listAccounts !== 'function') return t.skip()
        const u1 = await makeUser()
        const u2 = await makeUser()
        const acc1 = accountFor(u1.id)
        const acc2 = accountFor(u1.id, `other${run}`)
        await a.linkAccount(acc1)
        await a.linkAccount(acc2)
        await a.linkAccount(accountFor(u2.id))
        const list = await a.listAccounts(u1.id)
        expect(list.map((x) => `${x.provider}/${x.providerAccountId}`).sort()).toEqual([acc1, acc2].map((x) => `${x.provider}/${x.providerAccountId}`).sort())
        for (const x of list) expect(x).toMatchObject({ userId: u1.id, type: 'oauth' })
        await a.unlinkAccount({ provider: acc1.provider, providerAccountId: acc1.providerAccountId })
        expect((await a.listAccounts(u1.id)).map((x) => x.providerAccountId)).toEqual([acc2.providerAccountId])
        expect(await a.listAccounts(crypto.randomUUID())).toEqual([])
      })

      definePasswordAdapterCases(() => a, makeUser)

      it('keeps a per-user session version that only goes up, atomically', async (t) => {
        if (typeof a.getSessionVersion !== 'function' || typeof a.bumpSessionVersion !== 'function') return t.skip()
        const u = await makeUser()
        const other = await makeUser()
        // A new user's version starts anywhere (the Latch adapters: at random), then only goes up by one per bump.
        const start = Number(await a.getSessionVersion(u.id))
        expect(Number.isInteger(start) && start >= 0).toBe(true)
        expect(Number(await a.bumpSessionVersion(u.id))).toBe(start + 1)
        await Promise.all(Array.from({ length: 5 }, () => a.bumpSessionVersion(u.id)))
        expect(Number(await a.getSessionVersion(u.id))).toBe(start + 6)
        expect(Number.isInteger(Number(await a.getSessionVersion(other.id)))).toBe(true)
        // No such user (never created, or deleted): null, so that user's JWTs are no session.
        expect(await a.getSessionVersion(crypto.randomUUID())).toBeNull()
        await a.deleteUser(other.id)
        expect(await a.getSessionVersion(other.id)).toBeNull()
      })

      it("gives a user created again with a deleted user's id a session version of its own (its JWTs stay dead)", async (t) => {
        if (typeof a.getSessionVersion !== 'function' || typeof a.bumpSessionVersion !== 'function') return t.skip()
        const u = await makeUser()
        await a.bumpSessionVersion(u.id)
        const before = Number(await a.getSessionVersion(u.id))
        await a.deleteUser(u.id)
        const again = await a.createUser({ ...u, email: `again-${u.email ?? crypto.randomUUID()}` })
        if (again.id !== u.id) return t.skip() // the adapter picks its own ids: no id comes back
        // A token carries the version it was issued under; the check accepts it at most 1000 bumps ahead.
        const after = Number(await a.getSessionVersion(u.id))
        expect(before >= after && before - after <= 1000).toBe(false)
      })

      // Two-factor sign-in (two-factor/), when the adapter has its methods.
      defineTwoFactorAdapterCases(() => a, makeUser)
    })
  })
}
