// The shared account-management suite against the Hono example (@hono/node-server), on PostgreSQL and Redis, JWT
// and database sessions; and the accountOf(c) helper in an app route.
import { getRequestListener } from '@hono/node-server'
import type { Adapter } from '@latch/core'
import { defineAccountSuite } from '@latch/core/testing'
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
