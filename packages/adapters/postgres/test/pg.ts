import pg from 'pg'

export const PG_URL = process.env.LATCH_PG_URL ?? 'postgres://postgres@127.0.0.1:5432/test'
export const START_HINT = 'start PostgreSQL with: pg_ctlcluster --skip-systemctl-redirect $(ls /etc/postgresql) main start'

/** A pool on the test database. */
export function testPool(options: pg.PoolConfig = {}): pg.Pool {
  return new pg.Pool({ connectionString: PG_URL, max: 8, connectionTimeoutMillis: 3000, ...options })
}

/** Fail loudly (never skip) when the server is down, saying how to start it. */
export async function assertReachable(pool: pg.Pool): Promise<void> {
  try {
    await pool.query('SELECT 1')
  } catch (e) {
    throw new Error(`PostgreSQL is not reachable at ${PG_URL} (${(e as Error).message}); ${START_HINT}`)
  }
}

/** A schema name no parallel run shares. */
export function uniqueSchema(prefix: string): string {
  return `${prefix}_${process.pid}_${Math.random().toString(36).slice(2, 8)}`
}

export async function dropSchema(pool: pg.Pool, schema: string): Promise<void> {
  await pool.query(`DROP SCHEMA IF EXISTS "${schema}" CASCADE`)
}
