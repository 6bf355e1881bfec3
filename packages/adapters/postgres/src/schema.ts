import { readFile } from 'node:fs/promises'
import type { Pool, PoolClient } from 'pg'

/** The first migration file shipped with the package (`migrations/001_init.sql`). */
export const MIGRATION_URL = new URL('../migrations/001_init.sql', import.meta.url)
/** Every migration file, in order (each idempotent). */
export const MIGRATION_URLS = [
  MIGRATION_URL,
  new URL('../migrations/002_refresh_locks.sql', import.meta.url),
  // passwords/
  new URL('../migrations/003_passwords.sql', import.meta.url),
  // two-factor/
  new URL('../migrations/006_two_factor.sql', import.meta.url),
]

const SCHEMA_RE = /^[A-Za-z_][A-Za-z0-9_]{0,62}$/

/** A schema name as a quoted SQL identifier; refuses anything but plain identifiers. */
export function quoteSchema(schema: string): string {
  if (!SCHEMA_RE.test(schema)) throw new TypeError(`Invalid PostgreSQL schema name "${schema}": use letters, digits and _ (max 63)`)
  return `"${schema}"`
}

/** The migration SQL text: every migration file, in order. */
export async function migrationSql(): Promise<string> {
  return (await Promise.all(MIGRATION_URLS.map((url) => readFile(url, 'utf8')))).join('\n')
}

/**
 * Create the schema and tables when missing (idempotent). Serialised with an advisory lock, so many
 * processes starting at once do not race on CREATE TABLE IF NOT EXISTS.
 */
export async function ensureSchema(pool: Pick<Pool, 'connect'>, options: { schema?: string } = {}): Promise<void> {
  const schema = options.schema ?? 'public'
  const quoted = quoteSchema(schema)
  const sql = await migrationSql()
  const client: PoolClient = await pool.connect()
  try {
    await client.query('BEGIN')
    await client.query('SELECT pg_advisory_xact_lock(hashtext($1))', [`latch-adapter-postgres:${schema}`])
    await client.query(`CREATE SCHEMA IF NOT EXISTS ${quoted}`)
    await client.query(`SET LOCAL search_path TO ${quoted}`)
    await client.query(sql)
    await client.query('COMMIT')
  } catch (e) {
    await client.query('ROLLBACK').catch(() => {})
    throw e
  } finally {
    client.release()
  }
}
