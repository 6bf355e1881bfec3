import type { Adapter, TwoFactorRecord } from '@latch/core'

type TwoFactorMethods = Required<Pick<Adapter, 'getTwoFactor' | 'setTwoFactor' | 'markTotpStep' | 'useRecoveryCode'>>
type Query = (text: string, values: unknown[]) => Promise<Record<string, any>[]>

/**
 * Two-factor records on PostgreSQL (`two_factor`, migrations/006_two_factor.sql): one row per user, dropped with
 * the user (ON DELETE CASCADE). "Use once" is one conditional UPDATE each: of concurrent callers, the row lock and
 * the re-checked WHERE let exactly one through.
 */
export function postgresTwoFactor(q: Query, s: string): TwoFactorMethods {
  return {
    async getTwoFactor(userId) {
      const r = (await q(`SELECT secret, confirmed_at, last_used_step, recovery_codes FROM ${s}.two_factor WHERE user_id = $1`, [String(userId)]))[0]
      if (!r) return null
      const record: TwoFactorRecord = {
        secret: r.secret,
        confirmedAt: r.confirmed_at ?? null,
        lastUsedStep: r.last_used_step === null ? null : Number(r.last_used_step),
        recoveryCodes: r.recovery_codes ?? [],
      }
      return record
    },
    async setTwoFactor(userId, record) {
      if (record === null) {
        await q(`DELETE FROM ${s}.two_factor WHERE user_id = $1`, [String(userId)])
        return
      }
      await q(
        `INSERT INTO ${s}.two_factor (user_id, secret, confirmed_at, last_used_step, recovery_codes) VALUES ($1, $2, $3, $4, $5)
         ON CONFLICT (user_id) DO UPDATE SET secret = EXCLUDED.secret, confirmed_at = EXCLUDED.confirmed_at,
           last_used_step = EXCLUDED.last_used_step, recovery_codes = EXCLUDED.recovery_codes`,
        [String(userId), record.secret, record.confirmedAt, record.lastUsedStep, record.recoveryCodes],
      )
    },
    async markTotpStep(userId, step) {
      const rows = await q(
        `UPDATE ${s}.two_factor SET last_used_step = $2 WHERE user_id = $1 AND (last_used_step IS NULL OR last_used_step < $2) RETURNING user_id`,
        [String(userId), step],
      )
      return rows.length === 1
    },
    async useRecoveryCode(userId, codeHash) {
      const rows = await q(
        `UPDATE ${s}.two_factor SET recovery_codes = array_remove(recovery_codes, $2) WHERE user_id = $1 AND $2 = ANY (recovery_codes) RETURNING user_id`,
        [String(userId), codeHash],
      )
      return rows.length === 1
    },
  }
}
