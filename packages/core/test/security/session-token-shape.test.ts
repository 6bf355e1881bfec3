import { describe, expect, it } from 'vitest'
import type { AuthConfig } from '../../src/index.js'
import Credentials from '../../src/providers/credentials.js'
import { MemoryAdapter } from '../../src/adapters/memory.js'
import { Browser, SECRET } from '../support/client.js'
import { quietLogger } from '../support/fake-oauth.js'
import { oddSessionTokenCases, recordingAdapter } from '../support/odd-session-tokens.js'

/**
 * Issue 12: a database session cookie is checked for the shape of a token this app mints (Latch's 64 hex, Auth.js's
 * UUID; with a custom generator, the generic token charset) before any adapter call. The same cases run against
 * real PostgreSQL in packages/adapters/postgres/test/odd-session-tokens.test.ts.
 */
async function setup(extra: Partial<AuthConfig> = {}) {
  const base = MemoryAdapter()
  await base.createUser({ id: 'u1', email: 'ada@example.com', emailVerified: null, name: 'Ada' })
  const { adapter, tokens } = recordingAdapter(base)
  const config: AuthConfig = {
    secret: SECRET,
    url: 'http://app.test',
    logger: quietLogger,
    adapter,
    session: { strategy: 'database' },
    providers: [Credentials({ credentials: { username: {}, password: { type: 'password' } }, authorize: (c) => (c.password === 'pw' ? { id: 'u1', email: 'ada@example.com' } : null) })],
    ...extra,
  }
  return { config, tokens, userId: 'u1', base }
}

describe('database session cookies of odd shapes (memory adapter)', () => {
  oddSessionTokenCases(setup)

  it('sessions minted by Latch and by Auth.js (UUID) still work', async () => {
    const { config, base } = await setup()
    const b = new Browser(config)
    await b.signInWithCredentials({ username: 'ada', password: 'pw' })
    expect((await b.session())?.user?.email).toBe('ada@example.com')
    const uuid = crypto.randomUUID()
    await base.createSession({ sessionToken: uuid, userId: 'u1', expires: new Date(Date.now() + 3_600_000) })
    const migrated = new Browser(config)
    migrated.jar.set('authjs.session-token', uuid)
    expect((await migrated.session())?.user?.email).toBe('ada@example.com')
    migrated.jar.set('authjs.session-token', uuid.toUpperCase())
    expect(await migrated.session()).toBeNull()
  })

  it('a custom generateSessionToken: its tokens work, odd ones are still refused, and it may not mint odd ones', async () => {
    let next = 'custom_Token-0123456789.abc~'
    const { config, tokens } = await setup({ session: { strategy: 'database', generateSessionToken: () => next } })
    const b = new Browser(config)
    await b.signInWithCredentials({ username: 'ada', password: 'pw' })
    expect(b.jar.get('authjs.session-token')).toBe(next)
    expect((await b.session())?.user?.email).toBe('ada@example.com')
    b.jar.set('authjs.session-token', encodeURIComponent("' OR '1'='1 -- long enough"))
    expect(await b.session()).toBeNull()
    expect(tokens.filter((t) => typeof t === 'string' && t.includes("'"))).toEqual([])
    next = "odd ' token with spaces"
    const res = await new Browser(config).signInWithCredentials({ username: 'ada', password: 'pw' })
    expect(new URL(res.headers.get('location')!).searchParams.get('error')).toBe('Configuration')
  })
})
