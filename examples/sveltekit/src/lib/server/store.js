// @ts-check
// The store behind the example, chosen by the environment at start. Unset, the example keeps what it must in memory.
//   AUTH_STORE=postgres       @latch/adapter-postgres on DATABASE_URL, tables in DATABASE_SCHEMA (default public;
//                             server.js creates them when missing, before the app starts)
//   AUTH_STORE=redis          @latch/adapter-redis on REDIS_URL (default redis://127.0.0.1:6379), keys under REDIS_PREFIX
//   AUTH_SESSION_STRATEGY     jwt (default) or database
import pg from 'pg'
import { Redis } from 'ioredis'
import { PostgresAdapter } from '@latch/adapter-postgres'
import { RedisAdapter } from '@latch/adapter-redis'

/**
 * @param {Record<string, string | undefined>} env
 * @returns {import('@latch/core').Adapter | undefined}
 */
export function storeFromEnv(env) {
  if (!env.AUTH_STORE) return undefined
  if (env.AUTH_STORE === 'postgres') {
    if (!env.DATABASE_URL) throw new Error('AUTH_STORE=postgres needs DATABASE_URL')
    const pool = new pg.Pool({ connectionString: env.DATABASE_URL, connectionTimeoutMillis: 3000 })
    pool.on('error', (e) => console.error(`PostgreSQL: ${e.message}`)) // an idle connection cut by a restart
    onShutdown(() => pool.end())
    return PostgresAdapter(pool, { schema: env.DATABASE_SCHEMA || 'public' })
  }
  if (env.AUTH_STORE === 'redis') {
    const redis = new Redis(env.REDIS_URL || 'redis://127.0.0.1:6379', { maxRetriesPerRequest: 1 })
    redis.on('error', (e) => console.error(`Redis: ${e.message}`))
    onShutdown(() => redis.quit())
    return RedisAdapter(redis, env.REDIS_PREFIX ? { prefix: env.REDIS_PREFIX } : {})
  }
  throw new Error(`AUTH_STORE must be postgres or redis, not "${env.AUTH_STORE}"`)
}

/**
 * adapter-node emits `sveltekit:shutdown` once its server has closed (SIGINT, SIGTERM): close the store's connections
 * then, or they keep the process alive.
 * @param {() => Promise<unknown>} close
 */
function onShutdown(close) {
  process.once(/** @type {any} */ ('sveltekit:shutdown'), () => void close().catch(() => {}))
}

/**
 * @param {Record<string, string | undefined>} env
 * @returns {'jwt' | 'database'}
 */
export function sessionStrategy(env) {
  const strategy = env.AUTH_SESSION_STRATEGY || 'jwt'
  if (strategy !== 'jwt' && strategy !== 'database') throw new Error(`AUTH_SESSION_STRATEGY must be jwt or database, not "${strategy}"`)
  return strategy
}
