#!/usr/bin/env node
// Start the local OIDC provider and print its issuer.
//   node packages/dev-oidc/bin.mjs [--port 4010] [--client-id latch-dev] [--client-secret latch-dev-secret]
//                                 [--redirect-uri http://127.0.0.1:3000/auth/callback/dev-oidc]...
// Environment: DEV_OIDC_PORT, DEV_OIDC_CLIENT_ID, DEV_OIDC_CLIENT_SECRET, DEV_OIDC_REDIRECT_URIS (comma-separated).
import { parseArgs } from 'node:util'
import { startDevOidc } from './index.mjs'

const { values } = parseArgs({
  options: {
    port: { type: 'string', default: process.env.DEV_OIDC_PORT ?? '4010' },
    'client-id': { type: 'string', default: process.env.DEV_OIDC_CLIENT_ID ?? 'latch-dev' },
    'client-secret': { type: 'string', default: process.env.DEV_OIDC_CLIENT_SECRET ?? 'latch-dev-secret' },
    'redirect-uri': { type: 'string', multiple: true },
    help: { type: 'boolean', short: 'h' },
  },
})

if (values.help) {
  console.log('Usage: node packages/dev-oidc/bin.mjs [--port N] [--client-id ID] [--client-secret S] [--redirect-uri URL]...')
  process.exit(0)
}

const fromEnv = process.env.DEV_OIDC_REDIRECT_URIS?.split(',').map((s) => s.trim()).filter(Boolean)
const redirectUris = values['redirect-uri'] ?? fromEnv ?? [
  'http://127.0.0.1:3000/auth/callback/dev-oidc',
  'http://localhost:3000/auth/callback/dev-oidc',
]
const dev = await startDevOidc({
  port: Number(values.port),
  clients: [{ client_id: values['client-id'], client_secret: values['client-secret'], redirect_uris: redirectUris }],
})
console.log(dev.issuer)
console.error(`dev-oidc: client_id=${values['client-id']} redirect_uris=${redirectUris.join(' ')}; sign in as "${dev.account.login}" with any password`)
const stop = () => dev.close().then(() => process.exit(0))
process.on('SIGINT', stop)
process.on('SIGTERM', stop)
