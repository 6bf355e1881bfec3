// @ts-check
// `pnpm start`: the Hono example on Node with the embedded local OIDC provider. Local development only.
import { serve } from '@hono/node-server'
import { appClient, startDevOidc } from '@latch/dev-oidc'
import { createApp } from './app.js'

const host = '127.0.0.1'
const port = Number(process.env.PORT ?? 3001)
const oidcPort = Number(process.env.OIDC_PORT ?? port + 1000)
const appUrl = process.env.AUTH_URL ?? `http://${host}:${port}`

if (!process.env.AUTH_SECRET) {
  // A fixed secret so sessions survive restarts while you try things out. Never use it outside your machine.
  process.env.AUTH_SECRET = 'latch-example-hono-dev-secret-do-not-use-in-production'
  console.warn('AUTH_SECRET is not set: using a development-only default secret.')
}
process.env.AUTH_URL = appUrl

const client = { clientId: 'latch-example-hono', clientSecret: 'latch-example-hono-secret' }
const oidc = await startDevOidc({ port: oidcPort, clients: [appClient(appUrl, client)] })

const app = createApp({ oidc: { issuer: oidc.issuer, ...client } })
const server = serve({ fetch: app.fetch, hostname: host, port }, () => {
  console.log(`Latch Hono example on ${appUrl} (local OIDC provider at ${oidc.issuer})`)
})

for (const signal of /** @type {const} */ (['SIGINT', 'SIGTERM'])) {
  process.on(signal, () => {
    server.close()
    void oidc.close()
    // Keep-alive connections may hold the servers open; this is a dev server: leave promptly.
    setTimeout(() => process.exit(0), 300).unref()
  })
}
