import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import AuthJsPostgresAdapter from '@auth/pg-adapter'
import { customFetch, type AuthConfig } from '@latch/core'
import { assertReachable, dropSchema, testPool, uniqueSchema } from './pg.js'
import { Browser, SECRET } from '../../../core/test/support/client.js'
import { capturingEmail, openLink, requestLink } from '../../../core/test/support/mail.js'
import { combinedFetch, fakeOAuth, quietLogger } from '../../../core/test/support/fake-oauth.js'

// The schema @auth/pg-adapter documents (serial ids, camelCase columns), in a schema of its own.
const AUTHJS_SCHEMA = `
CREATE TABLE verification_token (identifier text NOT NULL, expires timestamptz NOT NULL, token text NOT NULL, PRIMARY KEY (identifier, token));
CREATE TABLE accounts (
  id serial PRIMARY KEY, "userId" integer NOT NULL, type varchar(255) NOT NULL, provider varchar(255) NOT NULL,
  "providerAccountId" varchar(255) NOT NULL, refresh_token text, access_token text, expires_at bigint, id_token text,
  scope text, session_state text, token_type text
);
CREATE TABLE sessions (id serial PRIMARY KEY, "userId" integer NOT NULL, expires timestamptz NOT NULL, "sessionToken" varchar(255) NOT NULL);
CREATE TABLE users (id serial PRIMARY KEY, name varchar(255), email varchar(255), "emailVerified" timestamptz, image text);
`

const schema = uniqueSchema('authjs_pg')
const admin = testPool({ max: 2 })
// @auth/pg-adapter queries unqualified table names: point this pool's search_path at the test schema.
const pool = testPool({ options: `-c search_path=${schema}` })

beforeAll(async () => {
  await assertReachable(admin)
  await admin.query(`CREATE SCHEMA "${schema}"`)
  await pool.query(AUTHJS_SCHEMA)
})
afterAll(async () => {
  await pool.end()
  await dropSchema(admin, schema)
  await admin.end()
})

describe('a published Auth.js adapter works unchanged', () => {
  it('@auth/pg-adapter: magic link, database session, linking, sign-out, sign in again', async () => {
    const mail = capturingEmail()
    const gh = fakeOAuth('gh')
    const config: AuthConfig = {
      secret: SECRET,
      url: 'http://app.test',
      logger: quietLogger,
      adapter: AuthJsPostgresAdapter(pool),
      providers: [mail.provider, gh.provider],
      callbacks: { session: ({ session, user }) => ({ ...session, userId: String(user.id) }) },
      [customFetch]: combinedFetch(gh),
    }
    const b = new Browser(config)

    // Email: createVerificationToken, getUserByEmail, useVerificationToken, createUser, createSession.
    await requestLink(b, 'Grace@Example.com', { callbackUrl: '/home' })
    const stored = (await pool.query('SELECT identifier, token FROM verification_token')).rows
    expect(stored).toEqual([{ identifier: 'grace@example.com', token: expect.stringMatching(/^[0-9a-f]{64}$/) }])
    expect(stored[0].token).not.toBe(new URL(mail.last().url).searchParams.get('token'))
    const signedIn = await openLink(b, mail.last().url)
    expect(signedIn.headers.get('location')).toBe('http://app.test/home')
    expect((await pool.query('SELECT count(*)::int AS n FROM verification_token')).rows[0].n).toBe(0)

    // getSessionAndUser: the session callback receives the adapter user.
    const session = await b.session()
    expect(session.user.email).toBe('grace@example.com')
    const users = (await pool.query('SELECT id, email, "emailVerified" FROM users')).rows
    expect(users).toHaveLength(1)
    expect(users[0].emailVerified).toBeInstanceOf(Date)
    expect(session.userId).toBe(String(users[0].id))

    // Signed in: a new OAuth account is linked to this user (getUserByAccount, linkAccount).
    expect((await gh.signIn(b, { id: 'gh-1', email: 'grace@work.example' })).headers.get('location')).toBe('http://app.test/dashboard')
    const accounts = (await pool.query('SELECT "userId", provider, "providerAccountId", access_token FROM accounts')).rows
    expect(accounts).toEqual([{ userId: users[0].id, provider: 'gh', providerAccountId: 'gh-1', access_token: 'at-gh' }])

    // Sign-out deletes the session row (deleteSession).
    const before = (await pool.query('SELECT count(*)::int AS n FROM sessions')).rows[0].n
    const csrfToken = await b.csrf()
    await b.fetch('/auth/signout', { form: { csrfToken } })
    expect((await pool.query('SELECT count(*)::int AS n FROM sessions')).rows[0].n).toBe(before - 1)
    expect(await b.session()).toBeNull()

    // A fresh browser signs in with the linked account and lands on the same user.
    const again = new Browser(config)
    await gh.signIn(again, { id: 'gh-1', email: 'grace@work.example' })
    expect((await again.session()).userId).toBe(String(users[0].id))
    // Someone else's OAuth account with Grace's address is refused (no dangerous linking).
    const mallory = new Browser(config)
    const res = await gh.signIn(mallory, { id: 'gh-evil', email: 'grace@example.com' })
    expect(new URL(res.headers.get('location')!).searchParams.get('error')).toBe('OAuthAccountNotLinked')
  })
})
