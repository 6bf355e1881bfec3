/**
 * The two-factor cases of the adapter conformance suite (adapter-suite.ts), run when the adapter has the
 * optional two-factor methods (getTwoFactor, setTwoFactor, markTotpStep, useRecoveryCode). Edge-safe.
 */
import { expect, it } from 'vitest'
import type { Adapter, AdapterUser, TwoFactorRecord } from '../adapters/types.js'

type Full = Required<Adapter>

const record = (over: Partial<TwoFactorRecord> = {}): TwoFactorRecord => ({
  secret: `v1.kid.iv.${crypto.randomUUID()}`,
  confirmedAt: new Date(Math.floor(Date.now() / 1000) * 1000),
  lastUsedStep: null,
  recoveryCodes: ['a'.repeat(64), 'b'.repeat(64), 'c'.repeat(64)],
  ...over,
})

/** Recovery codes are a set: compare them in order. */
const sorted = (r: TwoFactorRecord | null) => (r ? { ...r, recoveryCodes: [...r.recoveryCodes].sort() } : r)

export function defineTwoFactorAdapterCases(adapter: () => Full, makeUser: () => Promise<AdapterUser>): void {
  const has = () => {
    const a = adapter()
    return typeof a.getTwoFactor === 'function' && typeof a.setTwoFactor === 'function' && typeof a.markTotpStep === 'function' && typeof a.useRecoveryCode === 'function'
  }

  it('two-factor: stores, replaces and removes one record per user', async (t) => {
    if (!has()) return t.skip()
    const a = adapter()
    const u = await makeUser()
    const other = await makeUser()
    expect(await a.getTwoFactor(u.id)).toBeNull()
    const pending = record({ confirmedAt: null })
    await a.setTwoFactor(u.id, pending)
    expect(sorted(await a.getTwoFactor(u.id))).toEqual(pending)
    const active = record({ lastUsedStep: 59_000_000 })
    await a.setTwoFactor(u.id, active)
    const got = await a.getTwoFactor(u.id)
    expect(sorted(got)).toEqual(active)
    expect(got!.confirmedAt).toBeInstanceOf(Date)
    expect(await a.getTwoFactor(other.id)).toBeNull()
    await a.setTwoFactor(u.id, null)
    expect(await a.getTwoFactor(u.id)).toBeNull()
    // Removing what is not there is fine.
    await a.setTwoFactor(u.id, null)
  })

  it('two-factor: markTotpStep only moves forward, and exactly one of concurrent calls wins', async (t) => {
    if (!has()) return t.skip()
    const a = adapter()
    const u = await makeUser()
    expect(await a.markTotpStep(u.id, 100)).toBe(false)
    await a.setTwoFactor(u.id, record())
    expect(await a.markTotpStep(u.id, 100)).toBe(true)
    expect(await a.markTotpStep(u.id, 100)).toBe(false)
    expect(await a.markTotpStep(u.id, 99)).toBe(false)
    expect((await a.getTwoFactor(u.id))!.lastUsedStep).toBe(100)
    const results = await Promise.all(Array.from({ length: 8 }, () => a.markTotpStep(u.id, 101)))
    expect(results.filter(Boolean)).toHaveLength(1)
    expect((await a.getTwoFactor(u.id))!.lastUsedStep).toBe(101)
  })

  it('two-factor: a recovery code is used once, also under concurrency; the others stay', async (t) => {
    if (!has()) return t.skip()
    const a = adapter()
    const u = await makeUser()
    expect(await a.useRecoveryCode(u.id, 'a'.repeat(64))).toBe(false)
    await a.setTwoFactor(u.id, record())
    expect(await a.useRecoveryCode(u.id, 'a'.repeat(64))).toBe(true)
    expect(await a.useRecoveryCode(u.id, 'a'.repeat(64))).toBe(false)
    expect(await a.useRecoveryCode(u.id, 'd'.repeat(64))).toBe(false)
    const results = await Promise.all(Array.from({ length: 8 }, () => a.useRecoveryCode(u.id, 'b'.repeat(64))))
    expect(results.filter(Boolean)).toHaveLength(1)
    expect((await a.getTwoFactor(u.id))!.recoveryCodes).toEqual(['c'.repeat(64)])
  })

  it('two-factor: the session read reports a confirmed second factor; deleting the user removes the record', async (t) => {
    if (!has()) return t.skip()
    const a = adapter()
    const u = await makeUser()
    const token = `st-${crypto.randomUUID()}`
    await a.createSession({ sessionToken: token, userId: u.id, expires: new Date(Date.now() + 3_600_000) })
    expect(((await a.getSessionAndUser(token))!.user as AdapterUser).twoFactorEnabled).toBeUndefined()
    await a.setTwoFactor(u.id, record({ confirmedAt: null }))
    expect(((await a.getSessionAndUser(token))!.user as AdapterUser).twoFactorEnabled).toBeUndefined()
    await a.setTwoFactor(u.id, record())
    expect(((await a.getSessionAndUser(token))!.user as AdapterUser).twoFactorEnabled).toBe(true)
    await a.deleteUser(u.id)
    expect(await a.getTwoFactor(u.id)).toBeNull()
  })
}
