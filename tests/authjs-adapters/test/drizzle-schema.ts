import pg from 'pg'

/**
 * The PostgreSQL tables @auth/drizzle-adapter documents (its default `user`, `account`, `session`,
 * `verificationToken` and `authenticator` tables, as drizzle-kit would create them), in a schema of their own.
 */
export const DRIZZLE_TABLES = `
CREATE TABLE "user" (id text PRIMARY KEY, name text, email text UNIQUE, "emailVerified" timestamp, image text);
CREATE TABLE account (
  "userId" text NOT NULL REFERENCES "user"(id) ON DELETE CASCADE, type text NOT NULL, provider text NOT NULL,
  "providerAccountId" text NOT NULL, refresh_token text, access_token text, expires_at integer, token_type text,
  scope text, id_token text, session_state text, PRIMARY KEY (provider, "providerAccountId")
);
CREATE TABLE session ("sessionToken" text PRIMARY KEY, "userId" text NOT NULL REFERENCES "user"(id) ON DELETE CASCADE, expires timestamp NOT NULL);
CREATE TABLE "verificationToken" (identifier text NOT NULL, token text NOT NULL, expires timestamp NOT NULL, PRIMARY KEY (identifier, token));
CREATE TABLE authenticator (
  "credentialID" text NOT NULL UNIQUE, "userId" text NOT NULL REFERENCES "user"(id) ON DELETE CASCADE,
  "providerAccountId" text NOT NULL, "credentialPublicKey" text NOT NULL, counter integer NOT NULL,
  "credentialDeviceType" text NOT NULL, "credentialBackedUp" boolean NOT NULL, transports text,
  PRIMARY KEY ("userId", "credentialID")
);
`

export const PG_URL = process.env.LATCH_PG_URL ?? 'postgres://postgres@127.0.0.1:5432/test'

/** A schema of the test's own on the shared test database, with a pool whose search_path points at it. */
export function ownSchema(prefix: string) {
  const name = `${prefix}_${process.pid}_${Math.random().toString(36).slice(2, 8)}`
  const admin = new pg.Pool({ connectionString: PG_URL, max: 1, connectionTimeoutMillis: 3000 })
  const pool = new pg.Pool({ connectionString: PG_URL, max: 6, connectionTimeoutMillis: 3000, options: `-c search_path=${name}` })
  return {
    name,
    pool,
    /** Creates the schema and the adapter's tables; fails loudly (never skips) when PostgreSQL is down. */
    async create(): Promise<void> {
      try {
        await admin.query(`CREATE SCHEMA "${name}"`)
      } catch (e) {
        throw new Error(`PostgreSQL is not reachable at ${PG_URL} (${(e as Error).message}); start it with: pg_ctlcluster --skip-systemctl-redirect $(ls /etc/postgresql) main start`)
      }
      await pool.query(DRIZZLE_TABLES)
    },
    async drop(): Promise<void> {
      await pool.end()
      await admin.query(`DROP SCHEMA IF EXISTS "${name}" CASCADE`)
      await admin.end()
    },
  }
}
