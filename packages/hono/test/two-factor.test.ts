// The shared two-factor suite (@latch/core/testing) over HTTP against the Hono example on @hono/node-server, with
// an adapter and config.twoFactor on (the example's own config otherwise).
import { getRequestListener } from '@hono/node-server'
import { defineTwoFactorSuite } from '@latch/core/testing'
import { MemoryAdapter } from '@latch/core/adapters/memory'
import { serveWithDevOidc } from '@latch/dev-oidc/testing'
import { createApp, DEMO_USERS } from '../../../examples/hono/src/app.js'

const user = DEMO_USERS[0]!

defineTwoFactorSuite({
  name: 'hono (node)',
  basePath: '/auth',
  protectedApi: '/api/me',
  credentials: { username: user.username, password: user.password },
  start: () =>
    serveWithDevOidc({ clientId: 'hono-2fa', clientSecret: 'hono-2fa-secret' }, async (baseUrl, oidc) => {
      const adapter = MemoryAdapter()
      await adapter.createUser({ id: user.id, email: user.email, emailVerified: null, name: user.name })
      const config = { url: baseUrl, secret: 'hono-two-factor-test-secret-0123456789abcdef', adapter, session: { strategy: 'jwt' as const }, twoFactor: {} }
      return getRequestListener(createApp({ config, oidc }).fetch)
    }),
})
