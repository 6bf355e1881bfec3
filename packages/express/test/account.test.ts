// The shared account-management suite against the Express example, on PostgreSQL and Redis, JWT and database sessions.
import type { Adapter } from '@latch/core'
import { defineAccountSuite } from '@latch/core/testing'
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
