// The shared account-management suite against the Express example, on PostgreSQL and Redis, JWT and database sessions.
import type { AddressInfo } from 'node:net'
import express from 'express'
import { describe, expect, it } from 'vitest'
import type { Adapter, AuthConfig } from '@latch/core'
import Credentials from '@latch/core/providers/credentials'
import { MemoryAdapter } from '@latch/core/adapters/memory'
import { CookieJar, defineAccountSuite } from '@latch/core/testing'
import { ExpressAuth, accountOf } from '../src/index.js'
import { serveWithDevOidc } from '@latch/dev-oidc/testing'
import { createApp } from '../../../examples/express/src/app.js'
import { postgresStore } from '../../adapters/postgres/test/app-store.js'
import { redisStore } from '../../adapters/redis/test/app-store.js'

const secret = 'express-account-test-secret-0123456789abcdef'
const stores = { postgres: postgresStore, redis: redisStore }

for (const store of ['postgres', 'redis'] as const) {
  for (const strategy of ['database', 'jwt'] as const) {
    defineAccountSuite({
      name: `express (${store}, ${strategy} sessions)`,
      oidc: { providerId: 'dev-oidc' },
      async start() {
        const db = await stores[store](`express-account-${strategy}`)
        const server = await serveWithDevOidc({ clientId: 'express-account', clientSecret: 'express-account-secret' }, (url, oidc) =>
          createApp({ oidc, config: { secret, url, adapter: db.adapter as Adapter, session: { strategy } } }),
        )
        return { baseUrl: server.baseUrl, close: async () => (await server.close(), await db.close()) }
      },
    })
  }
}

describe('accountOf(req, res, config)', () => {
  it('reads and deletes the account of the request’s user, the cleared cookie on the response', async () => {
    const adapter = MemoryAdapter()
    await adapter.createUser({ id: 'u-1', email: 'ada@example.com', emailVerified: null, name: 'Ada' })
    const config: AuthConfig = {
      secret,
      trustHost: true,
      adapter,
      session: { strategy: 'jwt' },
      providers: [Credentials({ credentials: { username: {} }, authorize: (c) => (c.username === 'ada' ? { id: 'u-1' } : null) })],
    }
    const app = express()
    app.use('/auth', ExpressAuth(config))
    app.get('/me/account', async (req, res) => void res.json(await accountOf(req, res, config).get()))
    app.post('/me/delete', async (req, res) => void res.json(await accountOf(req, res, config).delete()))
    const server = app.listen(0, '127.0.0.1')
    await new Promise((r) => server.once('listening', r))
    const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`
    try {
      const jar = new CookieJar()
      const send = async (path: string, init: RequestInit = {}) => {
        const res = await fetch(base + path, { ...init, redirect: 'manual', headers: { ...(init.headers as object), cookie: jar.header() } })
        jar.apply(res)
        return res
      }
      const { csrfToken } = (await (await send('/auth/csrf')).json()) as { csrfToken: string }
      await send('/auth/callback/credentials', { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: new URLSearchParams({ csrfToken, username: 'ada' }).toString() })
      expect(jar.has('session-token')).toBe(true)
      expect(((await (await send('/me/account')).json()) as any).user.email).toBe('ada@example.com')
      const deleted = await send('/me/delete', { method: 'POST' })
      expect(await deleted.json()).toEqual({ ok: true, deleted: true })
      expect(jar.has('session-token')).toBe(false)
      expect(await adapter.getUser('u-1')).toBeNull()
      expect(await (await send('/me/account')).json()).toBeNull()
    } finally {
      server.close()
    }
  })
})
