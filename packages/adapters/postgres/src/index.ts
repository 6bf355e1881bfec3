import type { Pool } from 'pg'
import type { Adapter, AdapterAccount, AdapterSession, AdapterUser, VerificationToken } from '@latch/core'
import { postgresRefreshLock } from './refresh-lock.js'
import { postgresPasskeys } from './authenticators.js'
import { postgresPasswords } from './passwords.js'
import { postgresTwoFactor } from './two-factor.js'
import { quoteSchema } from './schema.js'
import { bounded, DEFAULT_TIMEOUT_MS } from '@latch/core/store'

export { ensureSchema, migrationSql, MIGRATION_URL, MIGRATION_URLS } from './schema.js'
export { PostgresRateLimitStore, type PostgresRateLimitStoreOptions } from './rate-limit-store.js'

export interface PostgresAdapterOptions {
  /** PostgreSQL schema holding the tables. Default `public`. */
  schema?: string
  /**
   * Most milliseconds one query may take, waiting for a pooled connection included, before Latch answers 503
   * (StoreUnavailable). Default 5000; 0 turns the bound off. Also set the pool's own `connectionTimeoutMillis` and
   * `query_timeout` so the connection is released too (see docs/guides/several-instances.md).
   */
  timeoutMs?: number
}

/** Anything with pg's `query(text, values)`: a Pool (recommended) or a Client. */
export type Queryable = Pick<Pool, 'query'>

type Row = Record<string, any>

const ACCOUNT_FIELDS = ['access_token', 'refresh_token', 'expires_at', 'token_type', 'scope', 'id_token', 'session_state'] as const

function toUser(r: Row): AdapterUser {
  return { id: r.id, name: r.name, email: r.email, emailVerified: r.email_verified ?? null, image: r.image }
}

function toSession(r: Row): AdapterSession {
  return { sessionToken: r.session_token, userId: r.user_id, expires: r.expires }
}

function toAccount(r: Row): AdapterAccount {
  const a: Row = { provider: r.provider, providerAccountId: r.provider_account_id, userId: r.user_id, type: r.type }
  for (const f of ACCOUNT_FIELDS) if (r[f] !== null && r[f] !== undefined) a[f] = f === 'expires_at' ? Number(r[f]) : r[f]
  return a as AdapterAccount
}

/**
 * Optional methods other changes implement here (passwords, passkeys); each group leaves this list as it lands.
 */
type Pending =
  | never

export interface PostgresAdapter extends Required<Omit<Adapter, Pending>>, Pick<Adapter, Pending> {
  /** Delete expired sessions, verification tokens and refresh locks/results; returns how many rows went. Run it from a cron. */
  deleteExpired(): Promise<number>
}

/**
 * The Latch adapter for PostgreSQL on `pg`: the Auth.js adapter contract plus session management
 * (listSessions, deleteSessionsByUser) and session versions. Create the tables with `ensureSchema(pool)`
 * or by running the files in `migrations/` in order.
 */
/** A new user's first session version: random (below 2^30), so a deleted user's JWTs never match a new user with the same id. */
function initialSessionVersion(): number {
  return crypto.getRandomValues(new Uint32Array(1))[0]! >>> 2
}

export function PostgresAdapter(pool: Queryable, options: PostgresAdapterOptions = {}): PostgresAdapter {
  const s = quoteSchema(options.schema ?? 'public')
  const timeoutMs = options.timeoutMs ?? DEFAULT_TIMEOUT_MS
  const q = async (text: string, values: unknown[] = []): Promise<Row[]> => (await bounded(pool.query(text, values), timeoutMs, 'PostgreSQL')).rows
  const one = async (text: string, values: unknown[] = []): Promise<Row | null> => (await q(text, values))[0] ?? null
  const USER_COLUMNS = ['id', 'name', 'email', 'email_verified', 'image']
  const USER_COLS = USER_COLUMNS.join(', ')
  /** The same columns of the users table joined as `u`. */
  const U_USER_COLS = USER_COLUMNS.map((c) => `u.${c}`).join(', ')

  return {
    ...postgresRefreshLock(q, s),
    ...postgresPasskeys(q, s, toAccount),
    ...postgresPasswords(q, s),
    ...postgresTwoFactor(q, s),
    // getSessionAndUser's user carries twoFactorEnabled: true when enrolled (two-factor/enabled.ts).
    reportsTwoFactorEnabled: () => true,
    async createUser(user) {
      const r = await one(
        `INSERT INTO ${s}.users (id, name, email, email_verified, image, session_version) VALUES (COALESCE($1, gen_random_uuid()::text), $2, $3, $4, $5, $6) RETURNING ${USER_COLS}`,
        [user.id || null, user.name ?? null, user.email ?? null, user.emailVerified ?? null, user.image ?? null, initialSessionVersion()],
      )
      return toUser(r!)
    },
    async getUser(id) {
      const r = await one(`SELECT ${USER_COLS} FROM ${s}.users WHERE id = $1`, [String(id)])
      return r ? toUser(r) : null
    },
    async getUserByEmail(email) {
      const r = await one(`SELECT ${USER_COLS} FROM ${s}.users WHERE email = $1`, [email])
      return r ? toUser(r) : null
    },
    async getUserByAccount({ provider, providerAccountId }) {
      const r = await one(
        `SELECT ${U_USER_COLS} FROM ${s}.users u JOIN ${s}.accounts a ON a.user_id = u.id WHERE a.provider = $1 AND a.provider_account_id = $2`,
        [provider, providerAccountId],
      )
      return r ? toUser(r) : null
    },
    async updateUser(user) {
      const sets: string[] = []
      const values: unknown[] = [String(user.id)]
      const column = { name: 'name', email: 'email', emailVerified: 'email_verified', image: 'image' } as const
      for (const [key, col] of Object.entries(column)) {
        const v = user[key as keyof typeof column]
        if (v !== undefined) {
          values.push(v)
          sets.push(`${col} = $${values.length}`)
        }
      }
      const r = sets.length
        ? await one(`UPDATE ${s}.users SET ${sets.join(', ')} WHERE id = $1 RETURNING ${USER_COLS}`, values)
        : await one(`SELECT ${USER_COLS} FROM ${s}.users WHERE id = $1`, values)
      if (!r) throw new Error(`updateUser: no user with id ${user.id}`)
      return toUser(r)
    },
    async deleteUser(userId) {
      const r = await one(`DELETE FROM ${s}.users WHERE id = $1 RETURNING ${USER_COLS}`, [String(userId)])
      return r ? toUser(r) : null
    },
    async linkAccount(account) {
      const values = [account.provider, account.providerAccountId, String(account.userId), account.type, ...ACCOUNT_FIELDS.map((f) => account[f] ?? null)]
      const r = await one(
        `INSERT INTO ${s}.accounts (provider, provider_account_id, user_id, type, ${ACCOUNT_FIELDS.join(', ')})
         VALUES (${values.map((_, i) => `$${i + 1}`).join(', ')}) RETURNING *`,
        values,
      )
      return toAccount(r!)
    },
    async listAccounts(userId) {
      return (await q(`SELECT * FROM ${s}.accounts WHERE user_id = $1 ORDER BY provider, provider_account_id`, [userId])).map(toAccount)
    },
    async unlinkAccount({ provider, providerAccountId }) {
      const r = await one(`DELETE FROM ${s}.accounts WHERE provider = $1 AND provider_account_id = $2 RETURNING *`, [provider, providerAccountId])
      return r ? toAccount(r) : undefined
    },
    async createSession({ sessionToken, userId, expires }) {
      const r = await one(`INSERT INTO ${s}.sessions (session_token, user_id, expires) VALUES ($1, $2, $3) RETURNING *`, [sessionToken, String(userId), expires])
      return toSession(r!)
    },
    async getSessionAndUser(sessionToken) {
      const r = await one(
        `SELECT s.session_token, s.user_id, s.expires, ${U_USER_COLS}, t.confirmed_at IS NOT NULL AS two_factor_enabled
         FROM ${s}.sessions s JOIN ${s}.users u ON u.id = s.user_id LEFT JOIN ${s}.two_factor t ON t.user_id = u.id
         WHERE s.session_token = $1`,
        [sessionToken],
      )
      // A user with confirmed two-factor sign-in says so (two-factor/; the session exposes it).
      return r ? { session: toSession(r), user: r.two_factor_enabled ? { ...toUser(r), twoFactorEnabled: true } : toUser(r) } : null
    },
    async updateSession({ sessionToken, expires, userId }) {
      const r = await one(
        `UPDATE ${s}.sessions SET expires = COALESCE($2, expires), user_id = COALESCE($3, user_id) WHERE session_token = $1 RETURNING *`,
        [sessionToken, expires ?? null, userId ?? null],
      )
      return r ? toSession(r) : null
    },
    async deleteSession(sessionToken) {
      const r = await one(`DELETE FROM ${s}.sessions WHERE session_token = $1 RETURNING *`, [sessionToken])
      return r ? toSession(r) : null
    },
    async createVerificationToken({ identifier, token, expires }) {
      const r = await one(`INSERT INTO ${s}.verification_tokens (identifier, token, expires) VALUES ($1, $2, $3) RETURNING *`, [identifier, token, expires])
      return r as VerificationToken
    },
    async useVerificationToken({ identifier, token }) {
      // One statement: of two concurrent callers, exactly one gets the row.
      const r = await one(`DELETE FROM ${s}.verification_tokens WHERE identifier = $1 AND token = $2 RETURNING identifier, token, expires`, [identifier, token])
      return (r as VerificationToken | null) ?? null
    },
    async listSessions(userId) {
      const rows = await q(`SELECT * FROM ${s}.sessions WHERE user_id = $1 AND expires > now() ORDER BY expires DESC`, [String(userId)])
      return rows.map(toSession)
    },
    async deleteSessionsByUser(userId) {
      await q(`DELETE FROM ${s}.sessions WHERE user_id = $1`, [String(userId)])
    },
    async getSessionVersion(userId) {
      const r = await one(`SELECT session_version FROM ${s}.users WHERE id = $1`, [String(userId)])
      return r ? Number(r.session_version) : null
    },
    async bumpSessionVersion(userId) {
      const r = await one(`UPDATE ${s}.users SET session_version = session_version + 1 WHERE id = $1 RETURNING session_version`, [String(userId)])
      if (!r) throw new Error(`bumpSessionVersion: no user with id ${userId}`)
      return Number(r.session_version)
    },
    async deleteExpired() {
      const a = await pool.query(`DELETE FROM ${s}.sessions WHERE expires <= now()`)
      const b = await pool.query(`DELETE FROM ${s}.verification_tokens WHERE expires <= now()`)
      const c = await pool.query(`DELETE FROM ${s}.refresh_locks WHERE expires <= now()`)
      const d = await pool.query(`DELETE FROM ${s}.refresh_results WHERE expires <= now()`)
      return (a.rowCount ?? 0) + (b.rowCount ?? 0) + (c.rowCount ?? 0) + (d.rowCount ?? 0)
    },
  }
}

export default PostgresAdapter
