import { describe, expect, it } from 'vitest'
import type { Adapter } from '../../src/index.js'
import { MemoryAdapter } from '../../src/adapters/memory.js'
import type { RequestContext } from '../../src/context.js'
import { twoFactorEnabledOf } from '../../src/two-factor/enabled.js'
import { enroll, firstFactor, setup } from './support.js'

/**
 * An adapter that is not Latch's: the two-factor methods, but a session user without `twoFactorEnabled` and no
 * `reportsTwoFactorEnabled` flag. Database sessions then ask getTwoFactor (two-factor/enabled.ts).
 */
function foreign(options: { twoFactorMethods: boolean }) {
  const inner = MemoryAdapter()
  const calls = { getTwoFactor: 0 }
  const { reportsTwoFactorEnabled: _flag, getSessionAndUser, getTwoFactor, setTwoFactor, markTotpStep, useRecoveryCode, ...rest } = inner
  const adapter: Adapter = {
    ...rest,
    async getSessionAndUser(token) {
      const found = await getSessionAndUser!(token)
      if (!found) return null
      const { twoFactorEnabled: _stripped, ...user } = found.user as typeof found.user & { twoFactorEnabled?: boolean }
      return { session: found.session, user }
    },
    ...(options.twoFactorMethods
      ? {
          getTwoFactor: (id: string) => (calls.getTwoFactor++, getTwoFactor!(id)),
          setTwoFactor: setTwoFactor!,
          markTotpStep: markTotpStep!,
          useRecoveryCode: useRecoveryCode!,
        }
      : {}),
  }
  return { adapter, calls, inner }
}

describe('session.user.twoFactorEnabled with an adapter whose user lacks the field (database sessions)', () => {
  it('is derived through getTwoFactor: false before enrollment, true after', async () => {
    const { adapter, calls } = foreign({ twoFactorMethods: true })
    const app = setup({ strategy: 'database', adapter })
    await app.user()
    const b = app.browser()
    await firstFactor(b)
    expect((await b.session()).user.twoFactorEnabled).toBe(false)
    await enroll(app, b)
    const before = calls.getTwoFactor
    expect((await b.session()).user.twoFactorEnabled).toBe(true)
    expect(calls.getTwoFactor - before).toBe(1) // one extra call per session check
  })

  it('is false for an adapter without the two-factor methods (two-factor sign-in then refuses to run at all)', async () => {
    const { adapter } = foreign({ twoFactorMethods: false })
    const ctx = { options: { adapter } } as unknown as RequestContext
    expect(await twoFactorEnabledOf(ctx, { id: 'u', email: 'u@example.com', emailVerified: null })).toBe(false)
    expect(await twoFactorEnabledOf(ctx, { id: 'u', email: 'u@example.com', emailVerified: null, twoFactorEnabled: true })).toBe(true)
  })
})
