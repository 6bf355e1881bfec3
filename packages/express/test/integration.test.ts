import type { AuthConfig } from '@latch/core'
import { defineHeadersSuite, defineIntegrationSuite } from '@latch/core/testing'
import { loopbackFetch, serveWithDevOidc } from '@latch/dev-oidc/testing'
// The example app is the app under test.
import { createApp, DEMO_USERS } from '../../../examples/express/src/app.js'

const secret = 'express-integration-test-secret-0123456789abcdef'
const user = DEMO_USERS[0]!

type AppOptions = NonNullable<Parameters<typeof createApp>[0]>

/** Listen on a free 127.0.0.1 port first, so the config may use the URL. */
function start(options: (baseUrl: string) => AppOptions & { config?: Partial<AuthConfig> }) {
  return () =>
    serveWithDevOidc({ clientId: 'express-test', clientSecret: 'express-test-secret' }, (baseUrl, oidc) => {
      const opts = options(baseUrl)
      return createApp({ ...opts, config: { secret, ...opts.config }, oidc })
    })
}

const common = {
  basePath: '/auth',
  protectedPage: '/protected',
  protectedApi: '/api/me',
  credentials: { username: user.username, password: user.password },
  oidc: { providerId: 'dev-oidc' },
  redirects: { clientFetch: loopbackFetch },
}

defineIntegrationSuite({ ...common, name: 'express (AUTH_URL, body parsers first)', start: start((url) => ({ config: { url } })) })

defineIntegrationSuite({
  ...common,
  name: 'express (trustHost, no body parsers, no trust proxy)',
  start: start(() => ({ bodyParsers: false, config: { trustHost: true } })),
})

defineIntegrationSuite({
  ...common,
  name: 'express (trust proxy)',
  start: start(() => ({ trustProxy: 'loopback' })),
  trustsForwardedHeaders: true,
})

// Response headers (caching, nosniff) of the auth routes and the example's gated routes.
defineHeadersSuite({ ...common, name: 'express', secret, start: start((url) => ({ config: { url } })) })
