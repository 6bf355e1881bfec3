// The shared password suite against the Hono example (Node server): JWT sessions on PostgreSQL, database sessions on Redis.
import { getRequestListener } from '@hono/node-server'
import type { Adapter } from '@latch/core'
import { capturePasswordMail, definePasswordSuite } from '@latch/core/testing'
import Password from '@latch/core/providers/password'
import { serveWithDevOidc } from '@latch/dev-oidc/testing'
// The example app is the app under test, with the password provider and an adapter added.
import { createApp } from '../../../examples/hono/src/app.js'
import { postgresStore } from '../../adapters/postgres/test/app-store.js'
import { redisStore } from '../../adapters/redis/test/app-store.js'

for (const [store, strategy] of [['postgres', 'jwt'], ['redis', 'database']] as const) {
  const mail = capturePasswordMail()
  definePasswordSuite({
    name: `hono (node, ${store}, ${strategy} sessions)`,
    protectedApi: '/api/me',
    mailbox: () => mail.sent,
    async start() {
      const db = await (store === 'postgres' ? postgresStore : redisStore)(`hono-passwords-${strategy}`)
      const server = await serveWithDevOidc({ clientId: 'hono-pw', clientSecret: 'hono-pw-secret' }, (url, oidc) =>
        getRequestListener(
          createApp({
            oidc,
            config: {
              url,
              secret: 'hono-passwords-test-secret-0123456789abcdef',
              adapter: db.adapter as Adapter,
              session: { strategy },
              providers: [Password({ scrypt: { ln: 10, r: 8, p: 1 }, ...mail.options })],
            },
          }).fetch,
        ),
      )
      return { baseUrl: server.baseUrl, close: async () => (await server.close(), await db.close()) }
    },
  })
}
