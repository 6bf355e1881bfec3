import { getRequestListener } from '@hono/node-server'
import { capturePasswordMail, definePasskeySuite } from '@latch/core/testing'
import { MemoryAdapter } from '@latch/core/adapters/memory'
import Passkey from '@latch/core/providers/passkey'
import Password from '@latch/core/providers/password'
import { serveWithDevOidc } from '@latch/dev-oidc/testing'
// The example app is the app under test, with an adapter, the passkey provider and a Password provider whose mail
// sender makes passkey sign-up prove the address by mail first (signUp: 'verify-email', the default then). Auth.js's
// direct sign-up runs in workerd.test.ts.
import { createApp } from '../../../examples/hono/src/app.js'

const mail = capturePasswordMail()
definePasskeySuite({
  name: 'hono (node)',
  protectedApi: '/api/me',
  mailbox: () => mail.sent,
  start: () =>
    serveWithDevOidc({ clientId: 'hono-passkeys', clientSecret: 'hono-passkeys-secret' }, (url, oidc) =>
      getRequestListener(
        createApp({
          oidc,
          config: { url, secret: 'hono-passkeys-test-secret-0123456789abcdef', adapter: MemoryAdapter(), providers: [Passkey, Password({ scrypt: { ln: 4, r: 8, p: 1 }, ...mail.options })] },
        }).fetch,
      ),
    ),
})
