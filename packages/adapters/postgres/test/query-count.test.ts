// Hidden round trips: a warm JWT session check with the Postgres adapter (for "sign out everywhere") makes no SQL
// query; the cached session version is at most session.versionCacheMaxAge old, and a sign-out everywhere through
// @latch/core/sessions on the same instance is seen at once. Counted on a real PostgreSQL through a pool wrapper.
import { describe, expect, it } from 'vitest'
import type { AuthConfig } from '@latch/core'
import { signOutEverywhere } from '@latch/core/sessions'
import { PostgresAdapter } from '../src/index.js'
import { countedDatabase } from './counted.js'
import { Browser } from '../../../core/test/support/client.js'

const db = countedDatabase('q')
const instance = (session: AuthConfig['session'] = {}) => db.app('jwt', session)

async function signedIn(config: AuthConfig, userId: string): Promise<Browser> {
  const b = new Browser(config)
  const res = await b.fetch('/auth/callback/credentials', { form: { csrfToken: await b.csrf(), userId, password: 'pw' } })
  expect(res.status).toBe(302)
  return b
}

describe('session checks make no hidden queries', () => {
  it('a warm JWT session check with the adapter makes 0 queries', async () => {
    const config = instance()
    const user = await PostgresAdapter(db.pool, { schema: db.schema }).createUser({ id: crypto.randomUUID(), email: 'warm@q.example', emailVerified: null })
    const b = await signedIn(config, user.id)
    expect(await b.session()).toMatchObject({ user: { email: `${user.id}@q.example` } })
    db.state.queries = 0
    for (let i = 0; i < 20; i++) expect(await b.session()).not.toBeNull()
    expect(db.state.queries).toBe(0)
    // Past the cache's age the version is read again: one query, then warm again.
    db.state.now += 6
    await b.session()
    await b.session()
    expect(db.state.queries).toBe(1)
  })

  it('without the cache (versionCacheMaxAge: 0) every check reads the version', async () => {
    const config = instance({ versionCacheMaxAge: 0 })
    const user = await PostgresAdapter(db.pool, { schema: db.schema }).createUser({ id: crypto.randomUUID(), email: 'cold@q.example', emailVerified: null })
    const b = await signedIn(config, user.id)
    db.state.queries = 0
    for (let i = 0; i < 5; i++) await b.session()
    expect(db.state.queries).toBe(5)
  })

  it('sign out everywhere: at once on the revoking instance, within versionCacheMaxAge on another', async () => {
    const [one, two] = [instance(), instance()]
    const user = await PostgresAdapter(db.pool, { schema: db.schema }).createUser({ id: crypto.randomUUID(), email: 'rev@q.example', emailVerified: null })
    const a = await signedIn(one, user.id)
    const b = await signedIn(two, user.id)
    expect(await a.session()).not.toBeNull()
    expect(await b.session()).not.toBeNull() // instance two db.state.now holds the version in its cache
    await signOutEverywhere(one, user.id)
    expect(await new Browser(one).fetch('/auth/session', { headers: { cookie: a.cookieHeader() } }).then((r) => r.json())).toBeNull()
    // Instance two may still see the old version until its entry is versionCacheMaxAge (5 s) old, never longer.
    const stale = await new Browser(two).fetch('/auth/session', { headers: { cookie: b.cookieHeader() } }).then((r) => r.json())
    expect(stale).not.toBeNull()
    db.state.now += 5
    expect(await b.session()).toBeNull()
  })

  it('concurrent cold checks for one user share one query', async () => {
    const config = instance()
    const user = await PostgresAdapter(db.pool, { schema: db.schema }).createUser({ id: crypto.randomUUID(), email: 'burst@q.example', emailVerified: null })
    const b = await signedIn(config, user.id)
    db.state.now += 10
    db.state.queries = 0
    const sessions = await Promise.all(Array.from({ length: 25 }, () => new Browser(config).fetch('/auth/session', { headers: { cookie: b.cookieHeader() } }).then((r) => r.json())))
    expect(sessions.every((s) => s !== null)).toBe(true)
    expect(db.state.queries).toBe(1)
  })
})
