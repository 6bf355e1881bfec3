// One Latch instance, as a user would deploy it: its own Node process, built packages, a pg Pool and an ioredis
// client with bounded timeouts (docs/guides/several-instances.md), Express or Hono on Node.
//
//   /auth/*       database sessions on PostgreSQL (credentials + the stand-in OAuth provider)
//   /jwt/auth/*   JWT sessions with the same adapter (session versions, refresh-token rotation through the refresh lock)
//   /api/me, /jwt/api/me                       the integration's requireAuth / verifyAuth
//   POST /api/signout-everywhere, /jwt/api/…   the app's own route calling @latch/core/sessions
//
// Env: FRAMEWORK (express | hono), NAME, AUTH_SECRET, PUBLIC_URL (the proxy's origin), DATABASE_URL, REDIS_URL,
// IDP (stand-in provider origin), LOCK (postgres | redis: whose refresh lock), RATE_LIMIT (redis | postgres),
// STORE_TIMEOUT_MS, PROVIDER_TIMEOUT_MS, VERSION_CACHE_S. Prints `listening <port>` on stdout once it serves.
import pg from 'pg'
import { Redis } from 'ioredis'
import { customFetch } from '@latch/core'
import { signOutEverywhere } from '@latch/core/sessions'
import Credentials from '@latch/core/providers/credentials'
import OAuth from '@latch/core/providers/oauth'
import { PostgresAdapter, PostgresRateLimitStore } from '@latch/adapter-postgres'
import { RedisAdapter, RedisRateLimitStore } from '@latch/adapter-redis'

const env = process.env
const NAME = env.NAME ?? 'instance'
const storeTimeout = Number(env.STORE_TIMEOUT_MS ?? 1500)
const providerTimeout = Number(env.PROVIDER_TIMEOUT_MS ?? 2000)

// Bounded connects and queries, an 'error' listener (an idle connection cut by a restart must not crash us).
const pool = new pg.Pool({ connectionString: env.DATABASE_URL, max: 6, connectionTimeoutMillis: storeTimeout, query_timeout: storeTimeout })
pool.on('error', (e) => console.error(`[${NAME}] pg pool: ${e.message}`))
const redis = new Redis(env.REDIS_URL, { commandTimeout: storeTimeout, maxRetriesPerRequest: 1, retryStrategy: () => 200 })
redis.on('error', (e) => console.error(`[${NAME}] redis: ${e.message}`))

const postgres = PostgresAdapter(pool, { timeoutMs: storeTimeout })
const redisAdapter = RedisAdapter(redis, { prefix: 'cluster:', timeoutMs: storeTimeout })
// Users and sessions on PostgreSQL; the refresh lock from the adapter named by LOCK (a user may mix, as here).
const adapter =
  env.LOCK === 'redis'
    ? {
        ...postgres,
        acquireRefreshLock: redisAdapter.acquireRefreshLock,
        releaseRefreshLock: redisAdapter.releaseRefreshLock,
        setRefreshResult: redisAdapter.setRefreshResult,
        getRefreshResult: redisAdapter.getRefreshResult,
      }
    : postgres
const rateLimitStore =
  env.RATE_LIMIT === 'postgres' ? new PostgresRateLimitStore(pool, { timeoutMs: storeTimeout }) : new RedisRateLimitStore(redis, { timeoutMs: storeTimeout })

/** Test passwords: the stored users are created by the harness; the password is the address reversed. */
const credentials = Credentials({
  name: 'Password',
  credentials: { email: { label: 'Email' }, password: { label: 'Password', type: 'password' } },
  async authorize({ email, password }) {
    if (typeof email !== 'string' || password !== [...email].reverse().join('')) return null
    return postgres.getUserByEmail(email)
  },
})

/** Every call to the provider says which instance made it (the stand-in hangs a chosen instance's refresh). */
const taggedFetch = (input, init = {}) => {
  const headers = new Headers(init.headers ?? (input instanceof Request ? input.headers : undefined))
  headers.set('x-latch-instance', NAME)
  return fetch(input, { ...init, headers })
}

const standin = OAuth({
  id: 'standin',
  name: 'Stand-in',
  clientId: 'cluster-client',
  clientSecret: 'cluster-secret',
  authorization: { url: `${env.IDP}/authorize`, params: { scope: 'profile' } },
  token: `${env.IDP}/token`,
  userinfo: `${env.IDP}/userinfo`,
  allowInsecureRequests: true,
  refresh: true,
  httpOptions: { timeout: providerTimeout },
  profile: (p) => ({ id: String(p.sub), email: p.email, name: p.name }),
})

const common = {
  secret: env.AUTH_SECRET,
  adapter,
  providers: [credentials, standin],
  rateLimit: { store: rateLimitStore, identifier: { max: 5, windowSeconds: 600 }, ip: false },
  logger: {
    error: (e) => console.error(`[${NAME}] ${new Date().toISOString()} ${e?.code ?? ''} ${e?.message ?? e}${e?.cause ? ` (cause: ${e.cause.message ?? e.cause})` : ''}`),
    warn: () => {},
    debug: () => {},
  },
  [customFetch]: taggedFetch,
  callbacks: {
    // The user's id on the session (the app's sign-out-everywhere route needs it), and the refreshed access token.
    session: ({ session, token, user }) => ({
      ...session,
      user: { ...session.user, id: user?.id ?? token?.sub },
      ...(token ? { accessToken: token.access_token, error: token.error } : {}),
    }),
  },
}
const databaseConfig = { ...common, url: `${env.PUBLIC_URL}/auth`, basePath: '/auth', session: { strategy: 'database' } }
const jwtConfig = {
  ...common,
  url: `${env.PUBLIC_URL}/jwt/auth`,
  basePath: '/jwt/auth',
  session: { strategy: 'jwt', versionCacheMaxAge: Number(env.VERSION_CACHE_S ?? 2) },
}

const port = Number(env.PORT ?? 0)
const listening = (p) => process.stdout.write(`listening ${p}\n`)

if (env.FRAMEWORK === 'hono') {
  const { Hono } = await import('hono')
  const { serve } = await import('@hono/node-server')
  const { authHandler, initAuthConfig, verifyAuth } = await import('@latch/hono')
  /** A Hono sub-app per config, as an app with two auth mounts would have. */
  const mount = (config) => {
    const sub = new Hono()
    sub.use('*', initAuthConfig(() => config))
    sub.use('/auth/*', authHandler())
    sub.get('/api/me', verifyAuth(), (c) => c.json({ user: c.get('authUser').user ?? null, instance: NAME }))
    sub.post('/api/signout-everywhere', verifyAuth(), async (c) => {
      return c.json({ version: await signOutEverywhere(config, c.get('authUser').user.id), instance: NAME })
    })
    return sub
  }
  const app = new Hono()
  app.use('*', async (c, next) => {
    await next()
    c.header('x-instance', NAME)
  })
  app.get('/health', (c) => c.json({ name: NAME, pid: process.pid }))
  app.route('/jwt', mount(jwtConfig))
  app.route('/', mount(databaseConfig))
  const server = serve({ fetch: app.fetch, hostname: '127.0.0.1', port }, (info) => listening(info.port))
  process.on('SIGTERM', () => server.close(() => process.exit(0)))
} else {
  const { default: express } = await import('express')
  const { ExpressAuth, getSession, requireAuth } = await import('@latch/express')
  const app = express()
  app.disable('x-powered-by')
  app.use((req, res, next) => {
    res.setHeader('x-instance', NAME)
    next()
  })
  app.get('/health', (req, res) => res.json({ name: NAME, pid: process.pid }))
  for (const [prefix, config] of [['/jwt', jwtConfig], ['', databaseConfig]]) {
    app.use(`${prefix}/auth`, ExpressAuth(config))
    app.get(`${prefix}/api/me`, requireAuth(config), (req, res) => res.json({ user: res.locals.session?.user ?? null, instance: NAME }))
    app.post(`${prefix}/api/signout-everywhere`, requireAuth(config), async (req, res, next) => {
      try {
        const session = await getSession(req, config)
        res.json({ version: await signOutEverywhere(config, session.user.id), instance: NAME })
      } catch (e) {
        next(e)
      }
    })
  }
  const server = app.listen(port, '127.0.0.1', () => listening(server.address().port))
  process.on('SIGTERM', () => server.close(() => process.exit(0)))
}
