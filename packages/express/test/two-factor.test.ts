// The shared two-factor suite (@latch/core/testing) over HTTP against the Express example, with the suite's
// config (twoFactorTestConfig: a memory adapter holding the demo user, config.twoFactor on).
import { defineTwoFactorSuite, twoFactorTestConfig } from '@latch/core/testing'
import { serveWithDevOidc } from '@latch/dev-oidc/testing'
import { createApp, DEMO_USERS } from '../../../examples/express/src/app.js'

const user = DEMO_USERS[0]!

defineTwoFactorSuite({
  name: 'express',
  basePath: '/auth',
  protectedApi: '/api/me',
  credentials: { username: user.username, password: user.password },
  start: () =>
    serveWithDevOidc({ clientId: 'express-2fa', clientSecret: 'express-2fa-secret' }, async (baseUrl, oidc) =>
      createApp({ oidc, config: await twoFactorTestConfig({ baseUrl, user, name: 'express', twoFactor: { issuer: 'Latch Express' } }) }),
    ),
})
