import { capturePasswordMail, definePasswordSuite } from '@latch/core/testing'
import { MemoryAdapter } from '@latch/core/adapters/memory'
import Password from '@latch/core/providers/password'
import { serveWithDevOidc } from '@latch/dev-oidc/testing'
// The example app is the app under test, with the password provider and an adapter added.
import { createApp } from '../../../examples/express/src/app.js'

const mail = capturePasswordMail()

definePasswordSuite({
  name: 'express',
  protectedApi: '/api/me',
  mailbox: () => mail.sent,
  start: () =>
    serveWithDevOidc({ clientId: 'express-pw', clientSecret: 'express-pw-secret' }, (url, oidc) =>
      createApp({
        oidc,
        providers: [Password({ scrypt: { ln: 10, r: 8, p: 1 }, ...mail.options })],
        config: { url, secret: 'express-passwords-test-secret-0123456789abcdef', adapter: MemoryAdapter() },
      }),
    ),
})
