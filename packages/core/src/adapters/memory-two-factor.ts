import type { Adapter, TwoFactorRecord } from './types.js'

type Methods = Required<Pick<Adapter, 'getTwoFactor' | 'setTwoFactor' | 'markTotpStep' | 'useRecoveryCode'>>

const copy = (r: TwoFactorRecord): TwoFactorRecord => ({
  ...r,
  confirmedAt: r.confirmedAt ? new Date(r.confirmedAt.getTime()) : null,
  recoveryCodes: [...r.recoveryCodes],
})

/**
 * The memory adapter's two-factor records (two-factor/). Every method completes without yielding, so
 * markTotpStep and useRecoveryCode are atomic within the process. `enabled(userId)` tells the session read whether
 * the user has confirmed 2FA; `forget(userId)` drops a deleted user's record.
 */
export function memoryTwoFactor(userExists: (id: string) => boolean): Methods & { enabled(userId: string): boolean; forget(userId: string): void } {
  const records = new Map<string, TwoFactorRecord>()
  return {
    getTwoFactor: (userId) => {
      const r = records.get(userId)
      return r ? copy(r) : null
    },
    setTwoFactor(userId, record) {
      if (record === null) records.delete(userId)
      else if (!userExists(userId)) throw new Error(`No user with id ${userId}`)
      else records.set(userId, copy(record))
    },
    markTotpStep(userId, step) {
      const r = records.get(userId)
      if (!r || (r.lastUsedStep !== null && r.lastUsedStep >= step)) return false
      records.set(userId, { ...r, lastUsedStep: step })
      return true
    },
    useRecoveryCode(userId, codeHash) {
      const r = records.get(userId)
      const i = r ? r.recoveryCodes.indexOf(codeHash) : -1
      if (!r || i < 0) return false
      records.set(userId, { ...r, recoveryCodes: r.recoveryCodes.filter((_, j) => j !== i) })
      return true
    },
    enabled: (userId) => !!records.get(userId)?.confirmedAt,
    forget(userId) {
      records.delete(userId)
    },
  }
}
