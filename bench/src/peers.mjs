// Peers on the real PostgreSQL (127.0.0.1:5432, db `test`): Latch vs Auth.js vs Better Auth 1.7, session checks
// with a cookie-only session (JWT, or Better Auth's cookie cache) and with database sessions. Tables live in
// schemas of their own (bench_peers_<pid>, bench_authjs_<pid>, bench_ba_<pid>), created here and dropped at the end.
import pg from 'pg'
import { betterAuth } from 'better-auth'
import PgAdapterAuthjs from '@auth/pg-adapter'
import { PostgresAdapter, ensureSchema } from '@latch/adapter-postgres'
import { libs, ORIGIN, SECRET, COOKIE_NAME, makeSessionCookie } from './fixtures.mjs'
import { alternate } from './alternate.mjs'

const PG_URL = process.env.LATCH_PG_URL ?? 'postgres://postgres@127.0.0.1:5432/test'
const LATCH_SCHEMA = `bench_peers_${process.pid}`
const BA_SCHEMA = `bench_ba_${process.pid}`
const AUTHJS_SCHEMA = `bench_authjs_${process.pid}`

// @auth/pg-adapter's tables as its documentation gives them (camelCase columns; Latch's migration is snake_case).
const authjsTables = `
CREATE TABLE verification_token (identifier TEXT NOT NULL, expires TIMESTAMPTZ NOT NULL, token TEXT NOT NULL, PRIMARY KEY (identifier, token));
CREATE TABLE accounts (id SERIAL, "userId" INTEGER NOT NULL, type VARCHAR(255) NOT NULL, provider VARCHAR(255) NOT NULL,
  "providerAccountId" VARCHAR(255) NOT NULL, refresh_token TEXT, access_token TEXT, expires_at BIGINT, id_token TEXT, scope TEXT,
  session_state TEXT, token_type TEXT, PRIMARY KEY (id));
CREATE TABLE sessions (id SERIAL, "userId" INTEGER NOT NULL, expires TIMESTAMPTZ NOT NULL, "sessionToken" VARCHAR(255) NOT NULL, PRIMARY KEY (id));
CREATE TABLE users (id SERIAL, name VARCHAR(255), email VARCHAR(255), "emailVerified" TIMESTAMPTZ, image TEXT, PRIMARY KEY (id));`

// Better Auth's tables with its default field names (what `npx @better-auth/cli migrate` creates for pg).
const baTables = `
CREATE TABLE "user" (id text PRIMARY KEY, name text NOT NULL, email text NOT NULL UNIQUE, "emailVerified" boolean NOT NULL,
  image text, "createdAt" timestamptz NOT NULL DEFAULT now(), "updatedAt" timestamptz NOT NULL DEFAULT now());
CREATE TABLE session (id text PRIMARY KEY, "expiresAt" timestamptz NOT NULL, token text NOT NULL UNIQUE,
  "createdAt" timestamptz NOT NULL DEFAULT now(), "updatedAt" timestamptz NOT NULL, "ipAddress" text, "userAgent" text,
  "userId" text NOT NULL REFERENCES "user"(id) ON DELETE CASCADE);
CREATE INDEX session_user_idx ON session ("userId");
CREATE TABLE account (id text PRIMARY KEY, "accountId" text NOT NULL, "providerId" text NOT NULL,
  "userId" text NOT NULL REFERENCES "user"(id) ON DELETE CASCADE, "accessToken" text, "refreshToken" text, "idToken" text,
  "accessTokenExpiresAt" timestamptz, "refreshTokenExpiresAt" timestamptz, scope text, password text,
  "createdAt" timestamptz NOT NULL DEFAULT now(), "updatedAt" timestamptz NOT NULL);
CREATE TABLE verification (id text PRIMARY KEY, identifier text NOT NULL, value text NOT NULL, "expiresAt" timestamptz NOT NULL,
  "createdAt" timestamptz NOT NULL DEFAULT now(), "updatedAt" timestamptz NOT NULL DEFAULT now());`

/** A pool that counts checked-out clients: every query of pg.Pool#query and of Kysely acquires one. */
function countingPool(options = {}) {
  const pool = new pg.Pool({ connectionString: PG_URL, max: 4, ...options })
  pool.acquired = 0
  pool.on('acquire', () => pool.acquired++)
  return pool
}

function betterAuthWith(pool, cookieCache) {
  return betterAuth({
    baseURL: ORIGIN,
    basePath: '/api/auth',
    secret: SECRET,
    database: pool,
    emailAndPassword: { enabled: true },
    session: cookieCache ? { cookieCache: { enabled: true, maxAge: 5 * 60, strategy: 'jwe' } } : {},
    rateLimit: { enabled: false },
    telemetry: { enabled: false },
    logger: { disabled: true },
  })
}

export async function setupPeers() {
  const admin = new pg.Pool({ connectionString: PG_URL, max: 1 })
  const latchPool = countingPool()
  const authjsPool = countingPool({ options: `-c search_path=${AUTHJS_SCHEMA}` })
  const baPool = countingPool({ options: `-c search_path=${BA_SCHEMA}` })
  const cleanup = async () => {
    await Promise.all([latchPool.end(), authjsPool.end(), baPool.end()])
    await admin.query(`DROP SCHEMA IF EXISTS ${LATCH_SCHEMA} CASCADE; DROP SCHEMA IF EXISTS ${BA_SCHEMA} CASCADE; DROP SCHEMA IF EXISTS ${AUTHJS_SCHEMA} CASCADE`)
    await admin.end()
  }
  try {
    await ensureSchema(latchPool, { schema: LATCH_SCHEMA })
    await admin.query(`CREATE SCHEMA ${AUTHJS_SCHEMA}; SET search_path TO ${AUTHJS_SCHEMA}; ${authjsTables}`)
    await admin.query(`CREATE SCHEMA ${BA_SCHEMA}; SET search_path TO ${BA_SCHEMA}; ${baTables}`)
    const latchAdapter = PostgresAdapter(latchPool, { schema: LATCH_SCHEMA })
    const user = await latchAdapter.createUser({ email: 'ada@example.com', name: 'Ada Lovelace', emailVerified: null, image: null })
    const sessionToken = crypto.randomUUID() // the shape both libraries mint
    await latchAdapter.createSession({ sessionToken, userId: user.id, expires: new Date(Date.now() + 30 * 86400_000) })
    const authjsAdapter = PgAdapterAuthjs(authjsPool)
    const authjsUser = await authjsAdapter.createUser({ email: 'ada@example.com', name: 'Ada Lovelace', emailVerified: null, image: null })
    await authjsAdapter.createSession({ sessionToken, userId: authjsUser.id, expires: new Date(Date.now() + 30 * 86400_000) })
    const dbCookie = `${COOKIE_NAME}=${sessionToken}`
    const db = { session: { strategy: 'database' } }
    const latchDb = { ...libs.latch.config, ...db, adapter: latchAdapter }
    const authjsDb = { ...libs.authjs.config, ...db, adapter: authjsAdapter }

    const baCache = betterAuthWith(baPool, true)
    const baDb = betterAuthWith(baPool, false)
    const signUp = await baCache.api.signUpEmail({ body: { email: 'ada@example.com', password: 'correct horse battery', name: 'Ada Lovelace' }, asResponse: true })
    const baCookies = signUp.headers.getSetCookie().map((c) => c.split(';')[0])
    const baTokenCookie = baCookies.find((c) => c.includes('session_token='))
    const baDataCookie = baCookies.find((c) => c.includes('session_data='))
    if (!baTokenCookie || !baDataCookie) throw new Error(`better-auth: sign-up set ${baCookies.join(', ')}`)

    const jwtCookie = await makeSessionCookie({ secure: true })
    const get = (lib, config, cookie) => async () => (await lib.Auth(new Request(`${ORIGIN}/auth/session`, { headers: { cookie } }), config)).json()
    const ba = (auth, cookie) => async () => (await auth.handler(new Request(`${ORIGIN}/api/auth/get-session`, { headers: { cookie } }))).json()
    const cases = [
      {
        name: 'session check, cookie only (JWT; Better Auth: cookieCache jwe)',
        fns: {
          latch: get(libs.latch, libs.latch.config, jwtCookie),
          authjs: get(libs.authjs, libs.authjs.config, jwtCookie),
          betterauth: ba(baCache, `${baTokenCookie}; ${baDataCookie}`),
        },
      },
      {
        name: 'session check, database session (PostgreSQL)',
        fns: {
          latch: get(libs.latch, latchDb, dbCookie),
          authjs: get(libs.authjs, authjsDb, dbCookie),
          betterauth: ba(baDb, baTokenCookie),
        },
      },
    ]
    // Check each function once, and count the pool checkouts (≈ SQL round trips) one warm check makes.
    const pools = { latch: latchPool, authjs: authjsPool, betterauth: baPool }
    const queries = {}
    for (const c of cases) {
      queries[c.name] = {}
      for (const [k, fn] of Object.entries(c.fns)) {
        await fn()
        const before = pools[k].acquired
        const v = await fn()
        queries[c.name][k] = pools[k].acquired - before
        if (v?.user?.name !== 'Ada Lovelace') throw new Error(`${k} / ${c.name}: no session (${JSON.stringify(v)})`)
      }
    }
    return { cases, queries, cleanup }
  } catch (e) {
    await cleanup().catch(() => {})
    throw e
  }
}

export async function runPeers({ log = console.log } = {}) {
  const { cases, queries, cleanup } = await setupPeers()
  try {
    const rows = await alternate(cases, { base: 'latch', log })
    return rows.map((r) => ({ ...r, queries: queries[r.name] }))
  } finally {
    await cleanup()
  }
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const rows = await runPeers()
  console.log(JSON.stringify(rows, null, 2))
}
