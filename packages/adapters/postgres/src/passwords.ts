import type { Adapter } from '@latch/core'

type PasswordMethods = Required<Pick<Adapter, 'getPasswordHash' | 'setPasswordHash'>>
type Query = (text: string, values: unknown[]) => Promise<Record<string, any>[]>

/**
 * Password hashes on PostgreSQL (`passwords`, migration 003): one row per user, removed with the user (ON DELETE
 * CASCADE). Setting a hash for an unknown user fails on the foreign key; null deletes the row.
 */
export function postgresPasswords(q: Query, s: string): PasswordMethods {
  return {
    async getPasswordHash(userId) {
      const rows = await q(`SELECT hash FROM ${s}.passwords WHERE user_id = $1`, [String(userId)])
      return (rows[0]?.hash as string | undefined) ?? null
    },
    async setPasswordHash(userId, hash) {
      if (hash === null) {
        await q(`DELETE FROM ${s}.passwords WHERE user_id = $1`, [String(userId)])
        return
      }
      await q(
        `INSERT INTO ${s}.passwords (user_id, hash, updated_at) VALUES ($1, $2, now())
         ON CONFLICT (user_id) DO UPDATE SET hash = EXCLUDED.hash, updated_at = EXCLUDED.updated_at`,
        [String(userId), hash],
      )
    },
  }
}
