// One Latch instance for the instances benchmark: Hono + @hono/node-server on 127.0.0.1, database sessions on
// PostgreSQL (its own pg Pool, as every instance of a deployment has). argv: <pg url> <schema>. Reports its port.
import pg from 'pg'
import { Hono } from 'hono'
import { serve } from '@hono/node-server'
import { Auth } from '@latch/core'
import { PostgresAdapter } from '@latch/adapter-postgres'

const [url, schema] = process.argv.slice(2)
const pool = new pg.Pool({ connectionString: url, max: Number(process.env.BENCH_INSTANCE_POOL ?? 10) })
pool.on('error', () => {})
const config = {
  secret: 'bench-secret-0123456789abcdef0123456789abcdef',
  url: 'http://127.0.0.1/auth',
  adapter: PostgresAdapter(pool, { schema }),
  session: { strategy: 'database' },
  providers: [],
  logger: { error: (e) => console.error(e), warn: () => {}, debug: () => {} },
}
const app = new Hono()
app.all('/auth/*', (c) => Auth(c.req.raw, config))
const server = serve({ fetch: app.fetch, hostname: '127.0.0.1', port: 0 }, (info) => process.send?.({ port: info.port }))
process.on('disconnect', () => server.close(() => pool.end().then(() => process.exit(0))))
