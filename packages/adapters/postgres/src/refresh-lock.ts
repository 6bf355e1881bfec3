import type { Adapter } from '@latch/core'

type RefreshLockMethods = Required<Pick<Adapter, 'acquireRefreshLock' | 'releaseRefreshLock' | 'setRefreshResult' | 'getRefreshResult'>>
type Query = (text: string, values: unknown[]) => Promise<Record<string, any>[]>

/**
 * The refresh lock on PostgreSQL: a row in `refresh_locks` with an expiry, taken by one upsert that only
 * overwrites an expired row (so of concurrent callers exactly one gets it back), freed by a delete that
 * names the fencing token. Results live in `refresh_results` until their expiry. Times are the server's
 * clock. No session-level advisory lock: it would pin a pool connection for the whole provider call.
 */
export function postgresRefreshLock(q: Query, s: string): RefreshLockMethods {
  return {
    async acquireRefreshLock(key, ttlMs) {
      const rows = await q(
        `INSERT INTO ${s}.refresh_locks AS l (key, holder, expires) VALUES ($1, $2, clock_timestamp() + $3 * interval '1 millisecond')
         ON CONFLICT (key) DO UPDATE SET holder = EXCLUDED.holder, expires = EXCLUDED.expires
         WHERE l.expires <= clock_timestamp()
         RETURNING holder`,
        [key, crypto.randomUUID(), Math.max(1, Math.ceil(ttlMs))],
      )
      return (rows[0]?.holder as string | undefined) ?? null
    },
    async releaseRefreshLock(key, fencingToken) {
      await q(`DELETE FROM ${s}.refresh_locks WHERE key = $1 AND holder = $2`, [key, fencingToken])
    },
    async setRefreshResult(key, value, ttlMs) {
      await q(
        `INSERT INTO ${s}.refresh_results (key, value, expires) VALUES ($1, $2, clock_timestamp() + $3 * interval '1 millisecond')
         ON CONFLICT (key) DO UPDATE SET value = EXCLUDED.value, expires = EXCLUDED.expires`,
        [key, value, Math.max(1, Math.ceil(ttlMs))],
      )
    },
    async getRefreshResult(key) {
      const rows = await q(`SELECT value FROM ${s}.refresh_results WHERE key = $1 AND expires > clock_timestamp()`, [key])
      return (rows[0]?.value as string | undefined) ?? null
    },
  }
}
