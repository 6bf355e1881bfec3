#!/usr/bin/env node
// `pnpm dev` / `pnpm start`: the local OIDC provider (@latch/dev-oidc) plus `next dev` / `next start`,
// so a newcomer signs in with no external account. Local development only.
//   PORT (3000), OIDC_PORT (4000), AUTH_URL (http://127.0.0.1:PORT), AUTH_SECRET (a dev default).
//   AUTH_STORE, DATABASE_URL, DATABASE_SCHEMA, REDIS_URL, REDIS_PREFIX, AUTH_SESSION_STRATEGY: the store (store.ts).
import { spawn } from 'node:child_process'
import { createRequire } from 'node:module'
import { startDevOidc } from '@latch/dev-oidc'

const mode = process.argv[2] === 'start' ? 'start' : 'dev'
const host = '127.0.0.1'
const port = Number(process.env.PORT ?? 3000)
const oidcPort = Number(process.env.OIDC_PORT ?? port + 1000)
const appUrl = process.env.AUTH_URL ?? `http://${host}:${port}`

if (!process.env.AUTH_SECRET) {
  // Fixed so that sessions survive restarts while you try things out. Never use it outside your machine.
  process.env.AUTH_SECRET = 'latch-example-next-dev-secret-do-not-use-in-production'
  console.warn('AUTH_SECRET is not set: using a development-only default secret.')
}

// AUTH_STORE=postgres (store.ts): create the tables when missing (idempotent), before Next starts.
if (process.env.AUTH_STORE === 'postgres') {
  const [{ default: pg }, { ensureSchema }] = await Promise.all([import('pg'), import('@latch/adapter-postgres')])
  const pool = new pg.Pool({ connectionString: process.env.DATABASE_URL, connectionTimeoutMillis: 3000 })
  await ensureSchema(pool, { schema: process.env.DATABASE_SCHEMA || 'public' })
  await pool.end()
}

const client = { client_id: 'latch-example-next', client_secret: 'latch-example-next-secret' }
const oidc = await startDevOidc({
  port: oidcPort,
  clients: [{ ...client, redirect_uris: [`${appUrl}/api/auth/callback/dev-oidc`] }],
})
console.log(`Local OIDC provider at ${oidc.issuer}: sign in as "${oidc.account.login}" with any password.`)
console.log(`Credentials: alice / wonderland. Open ${appUrl}`)

const nextBin = createRequire(import.meta.url).resolve('next/dist/bin/next')
const child = spawn(process.execPath, [nextBin, mode, '-H', host, '-p', String(port)], {
  stdio: 'inherit',
  env: {
    ...process.env,
    AUTH_URL: appUrl,
    DEV_OIDC_ISSUER: oidc.issuer,
    DEV_OIDC_CLIENT_ID: client.client_id,
    DEV_OIDC_CLIENT_SECRET: client.client_secret,
  },
})

const stop = () => {
  child.kill('SIGTERM')
}
process.on('SIGINT', stop)
process.on('SIGTERM', stop)
child.on('exit', (code) => {
  void oidc.close().finally(() => process.exit(code ?? 0))
})
