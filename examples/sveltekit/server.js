// `pnpm start` (after `vite build`): the adapter-node server plus the embedded local OIDC provider. Local use only.
import { appClient, startDevOidc } from '@latch/dev-oidc'

const host = '127.0.0.1'
const port = Number(process.env.PORT ?? 3002)
const appUrl = process.env.ORIGIN ?? `http://${host}:${port}`

if (!process.env.AUTH_SECRET) {
  // A fixed secret so sessions survive restarts while you try things out. Never use it outside your machine.
  process.env.AUTH_SECRET = 'latch-example-sveltekit-dev-secret-do-not-use-in-production'
  console.warn('AUTH_SECRET is not set: using a development-only default secret.')
}

const client = { clientId: 'latch-example-sveltekit', clientSecret: 'latch-example-sveltekit-secret' }
const oidc = await startDevOidc({ port: Number(process.env.OIDC_PORT ?? port + 1000), clients: [appClient(appUrl, client)] })

Object.assign(process.env, {
  HOST: host,
  PORT: String(port),
  ORIGIN: appUrl,
  AUTH_URL: process.env.AUTH_URL ?? appUrl,
  AUTH_DEV_OIDC_ISSUER: oidc.issuer,
  AUTH_DEV_OIDC_ID: client.clientId,
  AUTH_DEV_OIDC_SECRET: client.clientSecret,
})

// AUTH_STORE=postgres (src/lib/server/store.js): create the tables when missing (idempotent), unbundled, before the app.
if (process.env.AUTH_STORE === 'postgres') {
  const [{ default: pg }, { ensureSchema }] = await Promise.all([import('pg'), import('@latch/adapter-postgres')])
  const pool = new pg.Pool({ connectionString: process.env.DATABASE_URL, connectionTimeoutMillis: 3000 })
  await ensureSchema(pool, { schema: process.env.DATABASE_SCHEMA || 'public' })
  await pool.end()
}

// adapter-node's server reads HOST, PORT and ORIGIN from the environment.
await import('./build/index.js')
console.log(`Latch SvelteKit example on ${appUrl} (local OIDC provider at ${oidc.issuer})`)
for (const signal of ['SIGINT', 'SIGTERM']) {
  process.on(signal, () => {
    void oidc.close()
    // adapter-node closes its server on the same signals; leave promptly even if keep-alive lingers.
    setTimeout(() => process.exit(0), 300).unref()
  })
}
