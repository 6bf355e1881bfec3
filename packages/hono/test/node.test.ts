import type { AddressInfo } from 'node:net'
import { serve } from '@hono/node-server'
import type { AuthConfig } from '@latch/core'
import { defineIntegrationSuite } from '@latch/core/testing'
// The example app is the app under test: what the README demo runs is what passes the suite.
import { createApp, DEMO_USERS } from '../../../examples/hono/src/app.js'

const secret = 'hono-integration-test-secret-0123456789abcdef'
const user = DEMO_USERS[0]!

/** Start the example on @hono/node-server on a free 127.0.0.1 port; the config may depend on the URL. */
function start(config: (baseUrl: string) => Partial<AuthConfig>) {
  return async () => {
    let app: ReturnType<typeof createApp> | undefined
    const server = serve({ fetch: (req, env) => app!.fetch(req, env), hostname: '127.0.0.1', port: 0 })
    await new Promise<void>((resolve) => server.once('listening', () => resolve()))
    const baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`
    app = createApp({ config: { secret, ...config(baseUrl) } })
    return {
      baseUrl,
      close: () =>
        new Promise<void>((resolve) => {
          server.close(() => resolve())
          server.closeAllConnections()
        }),
    }
  }
}

const common = {
  basePath: '/auth',
  protectedPage: '/protected',
  protectedApi: '/api/me',
  credentials: { username: user.username, password: user.password },
}

defineIntegrationSuite({ ...common, name: 'hono (node, AUTH_URL)', start: start((url) => ({ url })) })



defineIntegrationSuite({
  ...common,
  name: 'hono (node, trustHost)',
  start: start(() => ({ trustHost: true })),
  trustsForwardedHeaders: true,
})
