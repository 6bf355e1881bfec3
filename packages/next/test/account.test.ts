// The shared account-management suite against NextAuth's route handlers served over HTTP in-process, on PostgreSQL
// and Redis, JWT and database sessions; and the account() server helper (next/headers mocked, see setup.ts).
import { beforeEach, describe, expect, it } from 'vitest'
import type { Adapter } from '@latch/core'
import { SessionNotFresh } from '@latch/core'
import { MemoryAdapter } from '@latch/core/adapters/memory'
import { defineAccountSuite } from '@latch/core/testing'
import { fetchListener, serveWithDevOidc } from '@latch/dev-oidc/testing'
import NextAuth, { type NextAuthConfig } from '../src/index.js'
import { postgresStore } from '../../adapters/postgres/test/app-store.js'
import { redisStore } from '../../adapters/redis/test/app-store.js'
import { nextMock, signInJar, testConfig } from './helpers.js'

const secret = 'next-account-test-secret-0123456789abcdef'
const stores = { postgres: postgresStore, redis: redisStore }

/** The route handlers of `app/api/auth/[...nextauth]/route.ts` behind a Node server. */
function listener(config: NextAuthConfig, baseUrl: string) {
  const { handlers } = NextAuth(config)
  return fetchListener(baseUrl, async (request) => ({ response: await (request.method === 'POST' ? handlers.POST : handlers.GET)(request as never) }))
}

for (const store of ['postgres', 'redis'] as const) {
  for (const strategy of ['database', 'jwt'] as const) {
    defineAccountSuite({
      name: `next (${store}, ${strategy} sessions)`,
      basePath: '/api/auth',
      oidc: { providerId: 'dev-oidc' },
      async start() {
        const db = await stores[store](`next-account-${strategy}`)
        const server = await serveWithDevOidc(
          { clientId: 'next-account', clientSecret: 'next-account-secret' },
          (url, oidc) =>
            listener(
              {
                secret,
                url: `${url}/api/auth`,
                adapter: db.adapter as Adapter,
                session: { strategy },
                providers: [{ id: 'dev-oidc', name: 'Local OIDC', type: 'oidc', issuer: oidc.issuer, clientId: oidc.clientId, clientSecret: oidc.clientSecret, allowInsecureRequests: true }],
              },
              url,
            ),
          '/api/auth',
        )
        return { baseUrl: server.baseUrl, close: async () => (await server.close(), await db.close()) }
      },
    })
  }
}

describe('account() server helper', () => {
  beforeEach(() => nextMock.reset())

  it('reads the account of the request’s user and deletes it, clearing the session cookie through cookies()', async () => {
    const adapter = MemoryAdapter()
    await adapter.createUser({ id: '1', email: 'ada@example.com', emailVerified: null, name: 'Ada' })
    const { handlers, account } = NextAuth(testConfig({ adapter, session: { strategy: 'jwt' } }))
    const jar = await signInJar(handlers)
    nextMock.headers = new Headers({ cookie: jar.header() })
    expect((await (await account()).get())?.user.email).toBe('ada@example.com')
    const helpers = await account()
    expect(await helpers.delete()).toEqual({ ok: true, deleted: true })
    expect(nextMock.written.get('authjs.session-token')).toMatchObject({ value: '', options: { maxAge: 0 } })
    expect(await adapter.getUser('1')).toBeNull()
    nextMock.headers = new Headers()
    expect(await (await account()).get()).toBeNull()
  })

  it('refuses a sensitive action on a stale sign-in', async () => {
    const adapter = MemoryAdapter()
    await adapter.createUser({ id: '1', email: 'ada@example.com', emailVerified: null })
    let now = 1_800_000_000
    const { handlers, account } = NextAuth(testConfig({ adapter, session: { strategy: 'jwt', freshAge: 60 }, clock: () => now }))
    const jar = await signInJar(handlers)
    now += 61
    nextMock.headers = new Headers({ cookie: jar.header() })
    await expect((await account()).delete()).rejects.toBeInstanceOf(SessionNotFresh)
    expect(await adapter.getUser('1')).not.toBeNull()
  })
})
