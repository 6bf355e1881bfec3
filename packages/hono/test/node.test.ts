import { getRequestListener } from '@hono/node-server'
import type { AuthConfig } from '@latch/core'
import { defineHeadersSuite, defineIntegrationSuite } from '@latch/core/testing'
import { loopbackFetch, serveWithDevOidc } from '@latch/dev-oidc/testing'
// The example app is the app under test: what the README demo runs is what passes the suite.
import { createApp, DEMO_USERS } from '../../../examples/hono/src/app.js'

const secret = 'hono-integration-test-secret-0123456789abcdef'
const user = DEMO_USERS[0]!

/** Serve the example with @hono/node-server on a free 127.0.0.1 port; the config may depend on the URL. */
function start(config: (baseUrl: string) => Partial<AuthConfig>) {
  return () =>
    serveWithDevOidc({ clientId: 'hono-test', clientSecret: 'hono-test-secret' }, (baseUrl, oidc) =>
      getRequestListener(createApp({ config: { secret, ...config(baseUrl) }, oidc }).fetch),
    )
}

const common = {
  basePath: '/auth',
  protectedPage: '/protected',
  protectedApi: '/api/me',
  credentials: { username: user.username, password: user.password },
  oidc: { providerId: 'dev-oidc' },
  redirects: { clientFetch: loopbackFetch },
}

defineIntegrationSuite({ ...common, name: 'hono (node, AUTH_URL)', start: start((url) => ({ url })) })



defineIntegrationSuite({
  ...common,
  name: 'hono (node, trustHost)',
  start: start(() => ({ trustHost: true })),
  trustsForwardedHeaders: true,
})

// Response headers (caching, nosniff) of the auth routes and the example's gated routes.
defineHeadersSuite({ ...common, name: 'hono (node)', secret, start: start((url) => ({ url })) })
