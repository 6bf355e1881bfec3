import { afterAll } from 'vitest'
import { PostgresAdapter, ensureSchema } from '../src/index.js'
import { assertReachable, dropSchema, testPool, uniqueSchema } from './pg.js'
import { authJsSuiteAvailable, runAuthJsAdapterSuite, skipAuthJsAdapterSuite } from '../../../core/test/support/authjs-adapter-suite.js'

// Auth.js's own adapter suite with its WebAuthn tests, on @latch/adapter-postgres; `db` reads the tables directly.
if (authJsSuiteAvailable()) {
  const pool = testPool()
  const schema = uniqueSchema('authjs_suite')
  const s = `"${schema}"`
  const one = async (text: string, values: unknown[]) => (await pool.query(text, values)).rows[0] ?? null
  const strip = (r: Record<string, unknown> | null) => (r ? Object.fromEntries(Object.entries(r).filter(([, v]) => v !== null)) : null)
  afterAll(async () => {
    await dropSchema(pool, schema)
    await pool.end()
  })
  await runAuthJsAdapterSuite({
    adapter: PostgresAdapter(pool, { schema }),
    db: {
      connect: async () => {
        await assertReachable(pool)
        await ensureSchema(pool, { schema })
      },
      user: (id: string) => one(`SELECT id, name, email, email_verified AS "emailVerified", image FROM ${s}.users WHERE id = $1`, [id]),
      session: (token: string) => one(`SELECT session_token AS "sessionToken", user_id AS "userId", expires FROM ${s}.sessions WHERE session_token = $1`, [token]),
      account: async ({ provider, providerAccountId }: { provider: string; providerAccountId: string }) => {
        const r = strip(
          await one(
            `SELECT provider, provider_account_id AS "providerAccountId", user_id AS "userId", type, access_token, refresh_token, expires_at, token_type, scope, id_token, session_state
             FROM ${s}.accounts WHERE provider = $1 AND provider_account_id = $2`,
            [provider, providerAccountId],
          ),
        )
        if (r && r.expires_at !== undefined) r.expires_at = Number(r.expires_at)
        return r
      },
      verificationToken: ({ identifier, token }: { identifier: string; token: string }) =>
        one(`SELECT identifier, token, expires FROM ${s}.verification_tokens WHERE identifier = $1 AND token = $2`, [identifier, token]),
      authenticator: async (id: string) => {
        const r = await one(
          `SELECT credential_id AS "credentialID", user_id AS "userId", provider_account_id AS "providerAccountId", credential_public_key AS "credentialPublicKey",
                  counter, credential_device_type AS "credentialDeviceType", credential_backed_up AS "credentialBackedUp", transports
           FROM ${s}.authenticators WHERE credential_id = $1`,
          [id],
        )
        return r && { ...r, counter: Number(r.counter) }
      },
    },
  })
} else {
  skipAuthJsAdapterSuite('postgres')
}
