import { getRequestListener } from '@hono/node-server'
import { definePasskeySuite } from '@latch/core/testing'
import { MemoryAdapter } from '@latch/core/adapters/memory'
import Passkey from '@latch/core/providers/passkey'
import { serveWithDevOidc } from '@latch/dev-oidc/testing'
// The example app is the app under test, with an adapter and the passkey provider.
import { createApp } from '../../../examples/hono/src/app.js'

definePasskeySuite({
  name: 'hono (node)',
  protectedApi: '/api/me',
  start: () =>
    serveWithDevOidc({ clientId: 'hono-passkeys', clientSecret: 'hono-passkeys-secret' }, (url, oidc) =>
      getRequestListener(
        createApp({ oidc, config: { url, secret: 'hono-passkeys-test-secret-0123456789abcdef', adapter: MemoryAdapter(), providers: [Passkey] } }).fetch,
      ),
    ),
})
