// The shared account-management suite against the Hono example (@hono/node-server), on PostgreSQL and Redis, JWT
// and database sessions; and the accountOf(c) helper in an app route.
import { getRequestListener } from '@hono/node-server'
import { Hono } from 'hono'
import { describe, expect, it } from 'vitest'
import type { Adapter, AuthConfig } from '@latch/core'
import Credentials from '@latch/core/providers/credentials'
import { MemoryAdapter } from '@latch/core/adapters/memory'
import { CookieJar, defineAccountSuite } from '@latch/core/testing'
import { accountOf, authHandler, initAuthConfig } from '../src/index.js'
import { serveWithDevOidc } from '@latch/dev-oidc/testing'
import { createApp } from '../../../examples/hono/src/app.js'
import { postgresStore } from '../../adapters/postgres/test/app-store.js'
import { redisStore } from '../../adapters/redis/test/app-store.js'

const secret = 'hono-account-test-secret-0123456789abcdef'
const stores = { postgres: postgresStore, redis: redisStore }

for (const store of ['postgres', 'redis'] as const) {
  for (const strategy of ['database', 'jwt'] as const) {
    defineAccountSuite({
      name: `hono (${store}, ${strategy} sessions)`,
      oidc: { providerId: 'dev-oidc' },
      async start() {
        const db = await stores[store](`hono-account-${strategy}`)
        const server = await serveWithDevOidc({ clientId: 'hono-account', clientSecret: 'hono-account-secret' }, (url, oidc) =>
          getRequestListener(createApp({ oidc, config: { secret, url, adapter: db.adapter as Adapter, session: { strategy } } }).fetch),
        )
        return { baseUrl: server.baseUrl, close: async () => (await server.close(), await db.close()) }
      },
    })
  }
}

describe('accountOf(c)', () => {
  it('reads and deletes the account of the request’s user, the cleared cookie on the response', async () => {
    const adapter = MemoryAdapter()
    await adapter.createUser({ id: 'u-1', email: 'ada@example.com', emailVerified: null, name: 'Ada' })
    const config: AuthConfig = {
      secret,
      url: 'http://app.test',
      adapter,
      session: { strategy: 'database' },
      providers: [Credentials({ credentials: { username: {} }, authorize: (c) => (c.username === 'ada' ? { id: 'u-1' } : null) })],
    }
    const app = new Hono()
    app.use('*', initAuthConfig(() => config))
    app.use('/auth/*', authHandler())
    app.get('/me/account', async (c) => c.json(await accountOf(c).get()))
    app.post('/me/delete', async (c) => c.json(await accountOf(c).delete()))
    const jar = new CookieJar()
    const send = async (path: string, init: RequestInit = {}) => {
      const res = await app.request(`http://app.test${path}`, { ...init, headers: { ...(init.headers as object), cookie: jar.header() } })
      jar.apply(res)
      return res
    }
    const { csrfToken } = (await (await send('/auth/csrf')).json()) as { csrfToken: string }
    await send('/auth/callback/credentials', { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: new URLSearchParams({ csrfToken, username: 'ada' }).toString() })
    expect(jar.has('session-token')).toBe(true)
    const read = await send('/me/account')
    expect(((await read.json()) as any).user.email).toBe('ada@example.com')
    expect(read.headers.get('cache-control')).toContain('no-store')
    const deleted = await send('/me/delete', { method: 'POST' })
    expect(await deleted.json()).toEqual({ ok: true, deleted: true })
    expect(jar.has('session-token')).toBe(false)
    expect(await adapter.getUser('u-1')).toBeNull()
    expect(await adapter.listSessions('u-1')).toEqual([])
  })
})
