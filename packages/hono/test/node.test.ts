import type { AddressInfo } from 'node:net'
import { serve } from '@hono/node-server'
import type { AuthConfig } from '@latch/core'
import { defineIntegrationSuite } from '@latch/core/testing'
import { startDevOidc } from '@latch/dev-oidc'
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
    const client = { clientId: 'hono-test', clientSecret: 'hono-test-secret' }
    const oidc = await startDevOidc({
      clients: [{ client_id: client.clientId, client_secret: client.clientSecret, redirect_uris: [`${baseUrl}/auth/callback/dev-oidc`] }],
    })
    app = createApp({ config: { secret, ...config(baseUrl) }, oidc: { issuer: oidc.issuer, ...client } })
    return {
      baseUrl,
      close: async () => {
        await new Promise<void>((resolve) => {
          server.close(() => resolve())
          ;(server as import('node:http').Server).closeAllConnections()
        })
        await oidc.close()
      },
    }
  }
}

const common = {
  basePath: '/auth',
  protectedPage: '/protected',
  protectedApi: '/api/me',
  credentials: { username: user.username, password: user.password },
  oidc: { providerId: 'dev-oidc' },
}

defineIntegrationSuite({ ...common, name: 'hono (node, AUTH_URL)', start: start((url) => ({ url })) })



defineIntegrationSuite({
  ...common,
  name: 'hono (node, trustHost)',
  start: start(() => ({ trustHost: true })),
  trustsForwardedHeaders: true,
})
