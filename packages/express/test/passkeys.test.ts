import { capturePasswordMail, definePasskeySuite } from '@latch/core/testing'
import { MemoryAdapter } from '@latch/core/adapters/memory'
import Passkey from '@latch/core/providers/passkey'
import Password from '@latch/core/providers/password'
import { serveWithDevOidc } from '@latch/dev-oidc/testing'
// The example app is the app under test, with an adapter and the passkey provider added.
import { createApp } from '../../../examples/express/src/app.js'

// Auth.js's direct sign-up (the default without a mail sender).
definePasskeySuite({
  name: 'express',
  protectedApi: '/api/me',
  start: () =>
    serveWithDevOidc({ clientId: 'express-passkeys', clientSecret: 'express-passkeys-secret' }, (url, oidc) =>
      createApp({ oidc, providers: [Passkey], config: { url, secret: 'express-passkeys-test-secret-0123456789abcdef', adapter: MemoryAdapter() } }),
    ),
})

// Next to a Password provider, sign-up proves the address by mail first (signUp: 'verify-email', the default then).
const mail = capturePasswordMail()
definePasskeySuite({
  name: 'express (sign-up by mail)',
  protectedApi: '/api/me',
  mailbox: () => mail.sent,
  start: () =>
    serveWithDevOidc({ clientId: 'express-passkeys-mail', clientSecret: 'express-passkeys-mail-secret' }, (url, oidc) =>
      createApp({
        oidc,
        providers: [Passkey, Password({ scrypt: { ln: 4, r: 8, p: 1 }, ...mail.options })],
        config: { url, secret: 'express-passkeys-mail-test-secret-0123456789abcdef', adapter: MemoryAdapter() },
      }),
    ),
})
