// The shared two-factor suite (@latch/core/testing) over HTTP against the Hono example on @hono/node-server, with
// the suite's config (twoFactorTestConfig: a memory adapter holding the demo user, config.twoFactor on).
import { getRequestListener } from '@hono/node-server'
import { defineTwoFactorSuite, twoFactorTestConfig } from '@latch/core/testing'
import { serveWithDevOidc } from '@latch/dev-oidc/testing'
import { createApp, DEMO_USERS } from '../../../examples/hono/src/app.js'

const user = DEMO_USERS[0]!

defineTwoFactorSuite({
  name: 'hono (node)',
  basePath: '/auth',
  protectedApi: '/api/me',
  credentials: { username: user.username, password: user.password },
  start: () =>
    serveWithDevOidc({ clientId: 'hono-2fa', clientSecret: 'hono-2fa-secret' }, async (baseUrl, oidc) =>
      getRequestListener(createApp({ oidc, config: await twoFactorTestConfig({ baseUrl, user, name: 'hono' }) }).fetch),
    ),
})
