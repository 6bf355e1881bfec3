import { definePasskeySuite } from '@latch/core/testing'
import { MemoryAdapter } from '@latch/core/adapters/memory'
import Passkey from '@latch/core/providers/passkey'
import { serveWithDevOidc } from '@latch/dev-oidc/testing'
// The example app is the app under test, with an adapter and the passkey provider added.
import { createApp } from '../../../examples/express/src/app.js'

definePasskeySuite({
  name: 'express',
  protectedApi: '/api/me',
  start: () =>
    serveWithDevOidc({ clientId: 'express-passkeys', clientSecret: 'express-passkeys-secret' }, (url, oidc) =>
      createApp({ oidc, providers: [Passkey], config: { url, secret: 'express-passkeys-test-secret-0123456789abcdef', adapter: MemoryAdapter() } }),
    ),
})
