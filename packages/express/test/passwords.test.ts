// The shared password suite against the Express example, on PostgreSQL and Redis, JWT and database sessions.
import type { Adapter } from '@latch/core'
import { capturePasswordMail, definePasswordSuite } from '@latch/core/testing'
import Password from '@latch/core/providers/password'
import { serveWithDevOidc } from '@latch/dev-oidc/testing'
// The example app is the app under test, with the password provider and an adapter added.
import { createApp } from '../../../examples/express/src/app.js'
import { postgresStore } from '../../adapters/postgres/test/app-store.js'
import { redisStore } from '../../adapters/redis/test/app-store.js'

const stores = { postgres: postgresStore, redis: redisStore }

for (const store of ['postgres', 'redis'] as const) {
  for (const strategy of ['database', 'jwt'] as const) {
    const mail = capturePasswordMail()
    definePasswordSuite({
      name: `express (${store}, ${strategy} sessions)`,
      protectedApi: '/api/me',
      mailbox: () => mail.sent,
      async start() {
        const db = await stores[store](`express-passwords-${strategy}`)
        const server = await serveWithDevOidc({ clientId: 'express-pw', clientSecret: 'express-pw-secret' }, (url, oidc) =>
          createApp({
            oidc,
            providers: [Password({ scrypt: { ln: 10, r: 8, p: 1 }, ...mail.options })],
            config: { url, secret: 'express-passwords-test-secret-0123456789abcdef', adapter: db.adapter as Adapter, session: { strategy } },
          }),
        )
        return { baseUrl: server.baseUrl, close: async () => (await server.close(), await db.close()) }
      },
    })
  }
}
