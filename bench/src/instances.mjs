// 3 instances vs 1 instance, database sessions on PostgreSQL (127.0.0.1:5432, db `test`, a schema of its own):
// GET /auth/session with a valid database session cookie. "1": one Latch process, autocannon with 48 connections.
// "3": three Latch processes (each its own pg Pool of 10), three autocannons of 16 connections at once, one per
// process (as a load balancer spreads them); req/s summed, p99 the worst of the three. Rounds alternate (1, 3, 3, 1, ...)
// so background load hits both alike; the ratios printed are the medians of the per-round ratios. On a machine with fewer cores than instances + PostgreSQL + the load
// generator, the ratio measures contention more than scaling: read it with the core count printed next to it.
import { fork } from 'node:child_process'
import { availableParallelism } from 'node:os'
import { fileURLToPath } from 'node:url'
import pg from 'pg'
import autocannon from 'autocannon'
import { PostgresAdapter, ensureSchema } from '@latch/adapter-postgres'

const PG_URL = process.env.LATCH_PG_URL ?? 'postgres://postgres@127.0.0.1:5432/test'
const SCHEMA = `bench_instances_${process.pid}`
const DURATION = Number(process.env.BENCH_INSTANCES_SECONDS ?? 6)
const ROUNDS = Number(process.env.BENCH_INSTANCES_ROUNDS ?? 4)
const CONNECTIONS = 48

function start() {
  return new Promise((resolve, reject) => {
    const child = fork(fileURLToPath(new URL('./db-server.mjs', import.meta.url)), [PG_URL, SCHEMA], { stdio: ['ignore', 'inherit', 'inherit', 'ipc'] })
    const timer = setTimeout(() => { child.kill(); reject(new Error('instance did not start')) }, 15_000)
    child.once('message', (m) => { clearTimeout(timer); resolve({ child, url: `http://127.0.0.1:${m.port}/auth/session` }) })
    child.once('exit', (code) => { clearTimeout(timer); reject(new Error(`instance exited (${code})`)) })
  })
}

function cannon(url, cookie, connections, duration) {
  return new Promise((resolve, reject) => {
    const guard = setTimeout(() => reject(new Error('autocannon overran its time bound')), (duration + 20) * 1000)
    autocannon({ url, connections, duration, headers: { cookie } }, (err, res) => {
      clearTimeout(guard)
      if (err) return reject(err)
      if (res.errors || res.non2xx) return reject(new Error(`${res.errors} errors, ${res.non2xx} non-2xx responses under load`))
      resolve(res)
    })
  })
}

async function measure(servers, cookie, duration) {
  const per = Math.floor(CONNECTIONS / servers.length)
  const results = await Promise.all(servers.map((s) => cannon(s.url, cookie, per, duration)))
  return { rps: results.reduce((a, r) => a + r.requests.average, 0), p99: Math.max(...results.map((r) => r.latency.p99)) }
}

export async function runInstances({ log = console.log } = {}) {
  const admin = new pg.Pool({ connectionString: PG_URL, max: 2 })
  const servers = []
  try {
    await ensureSchema(admin, { schema: SCHEMA })
    const adapter = PostgresAdapter(admin, { schema: SCHEMA })
    const user = await adapter.createUser({ email: 'ada@example.com', name: 'Ada Lovelace', emailVerified: null, image: null })
    const sessionToken = crypto.randomUUID()
    await adapter.createSession({ sessionToken, userId: user.id, expires: new Date(Date.now() + 30 * 86400_000) })
    const cookie = `authjs.session-token=${sessionToken}`
    for (let i = 0; i < 3; i++) servers.push(await start())
    for (const s of servers) {
      const body = await (await fetch(s.url, { headers: { cookie } })).json()
      if (body?.user?.email !== 'ada@example.com') throw new Error('an instance does not see the database session')
    }
    const one = [servers[0]]
    await measure(one, cookie, 2) // warm-up
    await measure(servers, cookie, 2)
    const runs = { one: [], three: [] }
    for (let r = 0; r < ROUNDS; r++) {
      for (const name of r % 2 === 0 ? ['one', 'three'] : ['three', 'one']) {
        const m = await measure(name === 'one' ? one : servers, cookie, DURATION)
        runs[name].push(m)
        log(`  ${name === 'one' ? '1 instance ' : '3 instances'}: ${m.rps.toFixed(0)} req/s, p99 ${m.p99} ms`)
      }
    }
    const mean = (xs) => xs.reduce((a, b) => a + b, 0) / xs.length
    const median = (xs) => { const v = [...xs].sort((a, b) => a - b); return v.length % 2 ? v[(v.length - 1) / 2] : (v[v.length / 2 - 1] + v[v.length / 2]) / 2 }
    const sum = (k) => ({ rps: mean(runs[k].map((x) => x.rps)), p99: mean(runs[k].map((x) => x.p99)) })
    const [o, t] = [sum('one'), sum('three')]
    // Per round, the two measurements are adjacent in time: their ratio is what background load disturbs least.
    const rpsRatios = runs.one.map((x, i) => runs.three[i].rps / x.rps)
    const p99Ratios = runs.one.map((x, i) => runs.three[i].p99 / x.p99)
    return {
      one: o, three: t,
      rpsRatio: median(rpsRatios), rpsRatioRange: [Math.min(...rpsRatios), Math.max(...rpsRatios)],
      p99Ratio: median(p99Ratios), p99RatioRange: [Math.min(...p99Ratios), Math.max(...p99Ratios)],
      cores: availableParallelism(), duration: DURATION, rounds: ROUNDS, connections: CONNECTIONS,
    }
  } finally {
    for (const s of servers) s.child.disconnect?.()
    await new Promise((r) => setTimeout(r, 500))
    for (const s of servers) s.child.kill('SIGKILL')
    await admin.query(`DROP SCHEMA IF EXISTS ${SCHEMA} CASCADE`).catch(() => {})
    await admin.end()
  }
}

if (import.meta.url === `file://${process.argv[1]}`) {
  console.log(await runInstances())
}
