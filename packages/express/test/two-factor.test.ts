// The shared two-factor suite (@latch/core/testing) over HTTP against the Express example, with an adapter and
// config.twoFactor on (the example's own config otherwise).
import { defineTwoFactorSuite } from '@latch/core/testing'
import { MemoryAdapter } from '@latch/core/adapters/memory'
import { serveWithDevOidc } from '@latch/dev-oidc/testing'
import { createApp, DEMO_USERS } from '../../../examples/express/src/app.js'

const user = DEMO_USERS[0]!

defineTwoFactorSuite({
  name: 'express',
  basePath: '/auth',
  protectedApi: '/api/me',
  credentials: { username: user.username, password: user.password },
  start: () =>
    serveWithDevOidc({ clientId: 'express-2fa', clientSecret: 'express-2fa-secret' }, async (baseUrl, oidc) => {
      const adapter = MemoryAdapter()
      await adapter.createUser({ id: user.id, email: user.email, emailVerified: null, name: user.name })
      return createApp({
        oidc,
        config: { url: baseUrl, secret: 'express-two-factor-test-secret-0123456789abcdef', adapter, session: { strategy: 'jwt' }, twoFactor: { issuer: 'Latch Express' } },
      })
    }),
})
