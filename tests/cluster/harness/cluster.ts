import { spawn, type ChildProcess } from 'node:child_process'
import { fileURLToPath } from 'node:url'
import pg from 'pg'
import { Redis } from 'ioredis'
import { ensureSchema, PostgresAdapter, PostgresRateLimitStore } from '@latch/adapter-postgres'
import { ownPostgres } from '../../../packages/adapters/postgres/test/own-postgres.js'
import { ownRedis } from '../../../packages/adapters/redis/test/own-redis.js'
import { startProxy, type Proxy } from './proxy.js'
import { startStandIn, type StandIn } from './idp.js'

export const SECRET = 'cluster-secret-0123456789abcdef-0123456789abcdef'
const INSTANCE = fileURLToPath(new URL('./instance.mjs', import.meta.url))

export type Framework = 'express' | 'hono'

export interface Instance {
  name: string
  framework: Framework
  port: number
  child: ChildProcess
  /** stderr so far (the instance's logger writes there). */
  log: string
  /** How it ended, once it has: `null` while it runs. */
  exit: { code: number | null; signal: NodeJS.Signals | null } | null
}

export interface ClusterOptions {
  /** Frameworks of the instances, in proxy order. Default express, hono, express. */
  frameworks?: Framework[]
  env?: Record<string, string>
}

export type Cluster = Awaited<ReturnType<typeof startCluster>>

/**
 * PostgreSQL and Redis of the test's own, the stand-in provider, the proxy, and the instances (separate Node
 * processes) behind it. Store timeouts are short (3 s), so an outage answers quickly.
 */
export async function startCluster(options: ClusterOptions = {}) {
  const [postgres, redisServer, idp, proxy] = await Promise.all([ownPostgres(), ownRedis(), startStandIn(), startProxy()])
  const pool = new pg.Pool({ connectionString: postgres.url, max: 4, connectionTimeoutMillis: 2000 })
  pool.on('error', () => {})
  await ensureSchema(pool)
  await new PostgresRateLimitStore(pool).ensureTable()
  const redis = new Redis(redisServer.url, { maxRetriesPerRequest: 1, lazyConnect: false })
  redis.on('error', () => {})
  const adapter = PostgresAdapter(pool)
  let env: Record<string, string> = {
    AUTH_SECRET: SECRET,
    PUBLIC_URL: proxy.url,
    DATABASE_URL: postgres.url,
    REDIS_URL: redisServer.url,
    IDP: idp.url,
    LOCK: 'postgres',
    RATE_LIMIT: 'redis',
    STORE_TIMEOUT_MS: '3000',
    PROVIDER_TIMEOUT_MS: '2000',
    VERSION_CACHE_S: '2',
    ...options.env,
  }
  const instances: Instance[] = []

  function spawnInstance(name: string, framework: Framework): Promise<Instance> {
    const child = spawn(process.execPath, [INSTANCE], {
      env: { ...process.env, ...env, NAME: name, FRAMEWORK: framework, NODE_ENV: 'production' },
      stdio: ['ignore', 'pipe', 'pipe'],
    })
    const instance: Instance = { name, framework, port: 0, child, log: '', exit: null }
    child.stderr!.on('data', (d) => {
      instance.log += d
      if (process.env.CLUSTER_LOGS) process.stderr.write(d)
    })
    child.once('exit', (code, signal) => {
      instance.exit = { code, signal }
      proxy.upstreams = proxy.upstreams.filter((u) => u.name !== name)
    })
    return new Promise((resolve, reject) => {
      let out = ''
      child.stdout!.on('data', (d) => {
        out += d
        const m = /listening (\d+)/.exec(out)
        if (m && !instance.port) {
          instance.port = Number(m[1])
          resolve(instance)
        }
      })
      child.once('exit', (code) => reject(new Error(`${name} exited (${code}) before listening:\n${instance.log}`)))
    })
  }

  /** (Re)start every instance with `extra` env on top; the proxy sends to them in order. */
  async function startInstances(extra: Record<string, string> = {}) {
    await stopInstances()
    env = { ...env, ...extra }
    const frameworks = options.frameworks ?? ['express', 'hono', 'express']
    const started = await Promise.all(frameworks.map((f, i) => spawnInstance(`${f}-${i + 1}`, f)))
    instances.splice(0, instances.length, ...started)
    proxy.upstreams = started.map((i) => ({ name: i.name, port: i.port }))
    proxy.served.clear()
  }

  async function stopInstances() {
    await Promise.all(instances.map((i) => stopProcess(i, 'SIGKILL')))
    proxy.upstreams = []
  }

  /** Restart one instance (same name, framework and position in the proxy). */
  async function restart(instance: Instance) {
    await stopProcess(instance, 'SIGKILL')
    const fresh = await spawnInstance(instance.name, instance.framework)
    instances[instances.indexOf(instance)] = fresh
    proxy.upstreams = instances.filter((i) => !i.exit).map((i) => ({ name: i.name, port: i.port }))
    return fresh
  }

  await startInstances()
  return {
    url: proxy.url,
    proxy,
    idp,
    postgres,
    redisServer,
    /** The test's own connections to the stores, for seeding and inspection. */
    pool,
    redis,
    adapter,
    instances,
    startInstances,
    restart,
    /** Instances that have exited (crashed or killed) since they were started. */
    dead: () => instances.filter((i) => i.exit),
    async stop() {
      await stopInstances()
      await Promise.allSettled([proxy.close(), idp.close(), pool.end(), redis.quit()])
      await Promise.allSettled([postgres.destroy(), redisServer.destroy()])
    },
  }
}

export function stopProcess(instance: Instance, signal: NodeJS.Signals): Promise<void> {
  if (instance.exit) return Promise.resolve()
  return new Promise((resolve) => {
    instance.child.once('exit', () => resolve())
    instance.child.kill(signal)
  })
}
