import { getRequestListener } from '@hono/node-server'
import { capturePasswordMail, definePasswordSuite } from '@latch/core/testing'
import { MemoryAdapter } from '@latch/core/adapters/memory'
import Password from '@latch/core/providers/password'
import { serveWithDevOidc } from '@latch/dev-oidc/testing'
// The example app is the app under test, with the password provider and an adapter added (JWT sessions).
import { createApp } from '../../../examples/hono/src/app.js'

const mail = capturePasswordMail()

definePasswordSuite({
  name: 'hono (node)',
  protectedApi: '/api/me',
  mailbox: () => mail.sent,
  start: () =>
    serveWithDevOidc({ clientId: 'hono-pw', clientSecret: 'hono-pw-secret' }, (url, oidc) =>
      getRequestListener(
        createApp({
          oidc,
          config: {
            url,
            secret: 'hono-passwords-test-secret-0123456789abcdef',
            adapter: MemoryAdapter(),
            session: { strategy: 'jwt' },
            providers: [Password({ scrypt: { ln: 10, r: 8, p: 1 }, ...mail.options })],
          },
        }).fetch,
      ),
    ),
})
