import type { AddressInfo } from 'node:net'
import type { Server } from 'node:http'
import type { AuthConfig } from '@latch/core'
import { defineIntegrationSuite } from '@latch/core/testing'
import { startDevOidc } from '@latch/dev-oidc'
// The example app is the app under test.
import { createApp, DEMO_USERS } from '../../../examples/express/src/app.js'

const secret = 'express-integration-test-secret-0123456789abcdef'
const user = DEMO_USERS[0]!

type AppOptions = NonNullable<Parameters<typeof createApp>[0]>

/** Listen on a free 127.0.0.1 port first, so the config may use the URL. */
function start(options: (baseUrl: string) => AppOptions & { config?: Partial<AuthConfig> }) {
  return async () => {
    let handler: ReturnType<typeof createApp> | undefined
    const { createServer } = await import('node:http')
    const server: Server = createServer((req, res) => handler!(req, res))
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
    const baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`
    const opts = options(baseUrl)
    const client = { clientId: 'express-test', clientSecret: 'express-test-secret' }
    const oidc = await startDevOidc({
      clients: [{ client_id: client.clientId, client_secret: client.clientSecret, redirect_uris: [`${baseUrl}/auth/callback/dev-oidc`] }],
    })
    handler = createApp({ ...opts, config: { secret, ...opts.config }, oidc: { issuer: oidc.issuer, ...client } })
    return {
      baseUrl,
      close: async () => {
        await new Promise<void>((resolve) => {
          server.close(() => resolve())
          server.closeAllConnections()
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
