import type { RateLimitHit, RateLimitStore } from '@latch/core/rate-limit'
import type { Queryable } from './queryable.js'
import { quoteSchema } from './schema.js'
import { bounded, DEFAULT_TIMEOUT_MS } from '@latch/core/store'

export interface PostgresRateLimitStoreOptions {
  /** Schema of the counters table. Default `public`. */
  schema?: string
  /** Table name. Default `latch_rate_limits`. */
  table?: string
  /** Most milliseconds a hit may take before the sign-in fails closed with 503 (StoreUnavailable). Default 5000; 0 = off. */
  timeoutMs?: number
}

/**
 * Fixed-window counters in PostgreSQL, shared by every instance of the app:
 * `rateLimit: { store: new PostgresRateLimitStore(pool) }`. Each hit is one statement (an upsert that starts a new
 * window when the old one has passed), atomic under concurrency: the row lock of `ON CONFLICT DO UPDATE` serialises
 * hits on one key. Create the table once with `ensureTable()` (or the SQL in docs/guides/rate-limit.md); delete
 * passed windows now and then with `deleteExpired()`.
 */
export class PostgresRateLimitStore implements RateLimitStore {
  readonly #pool: Queryable
  readonly #table: string
  readonly #timeoutMs: number

  constructor(pool: Queryable, options: PostgresRateLimitStoreOptions = {}) {
    this.#pool = pool
    this.#table = `${quoteSchema(options.schema ?? 'public')}.${quoteSchema(options.table ?? 'latch_rate_limits')}`
    this.#timeoutMs = options.timeoutMs ?? DEFAULT_TIMEOUT_MS
  }

  /** The CREATE TABLE statement (idempotent). */
  get createTableSql(): string {
    return `CREATE TABLE IF NOT EXISTS ${this.#table} (key text PRIMARY KEY, count integer NOT NULL, reset_at timestamptz NOT NULL)`
  }

  /** Create the counters table when missing. */
  async ensureTable(): Promise<void> {
    await this.#pool.query(this.createTableSql)
  }

  /** Count one hit on `key`; `max` is accepted for the RateLimitStore contract and not needed (PostgreSQL evicts nothing). */
  async hit(key: string, windowMs: number, _max?: number): Promise<RateLimitHit> {
    const ms = Math.max(1, Math.floor(windowMs))
    const sql = `INSERT INTO ${this.#table} AS r (key, count, reset_at) VALUES ($1, 1, clock_timestamp() + $2 * interval '1 millisecond')
      ON CONFLICT (key) DO UPDATE SET
        count = CASE WHEN r.reset_at <= clock_timestamp() THEN 1 ELSE r.count + 1 END,
        reset_at = CASE WHEN r.reset_at <= clock_timestamp() THEN EXCLUDED.reset_at ELSE r.reset_at END
      RETURNING count, GREATEST(1, ceil(extract(epoch FROM (reset_at - clock_timestamp())) * 1000))::bigint AS reset_ms`
    const { rows } = await bounded(this.#pool.query(sql, [key, ms]), this.#timeoutMs, 'PostgreSQL')
    return { count: Number(rows[0].count), resetMs: Math.min(ms, Number(rows[0].reset_ms)) }
  }

  async reset(key: string): Promise<void> {
    await bounded(this.#pool.query(`DELETE FROM ${this.#table} WHERE key = $1`, [key]), this.#timeoutMs, 'PostgreSQL')
  }

  /** Delete counters whose window has passed; returns how many went. Run it from a cron. */
  async deleteExpired(): Promise<number> {
    const r = await this.#pool.query(`DELETE FROM ${this.#table} WHERE reset_at <= clock_timestamp()`)
    return r.rowCount ?? 0
  }
}
