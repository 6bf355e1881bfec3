// Load benchmark: each library in its own server process (Hono + @hono/node-server on 127.0.0.1), autocannon with
// 50 connections for 10 s on GET /auth/session with a valid cookie. Runs alternate (Latch, Auth.js, Auth.js, Latch)
// so a change in background load hits both sides alike.
import { fork } from 'node:child_process'
import { fileURLToPath } from 'node:url'
import autocannon from 'autocannon'
import { makeSessionCookie } from './fixtures.mjs'

const DURATION = Number(process.env.BENCH_LOAD_SECONDS ?? 10)
const CONNECTIONS = 50
const ROUNDS = Number(process.env.BENCH_LOAD_ROUNDS ?? 2)

function start(name) {
  return new Promise((resolve, reject) => {
    const child = fork(fileURLToPath(new URL('./server.mjs', import.meta.url)), [name], { stdio: ['ignore', 'inherit', 'inherit', 'ipc'] })
    const timer = setTimeout(() => { child.kill(); reject(new Error(`${name} server did not start`)) }, 15_000)
    child.once('message', (m) => { clearTimeout(timer); resolve({ child, url: `http://127.0.0.1:${m.port}/auth/session` }) })
    child.once('exit', (code) => { clearTimeout(timer); reject(new Error(`${name} server exited (${code})`)) })
  })
}

function cannon(url, cookie, duration) {
  return new Promise((resolve, reject) => {
    const guard = setTimeout(() => reject(new Error('autocannon overran its time bound')), (duration + 20) * 1000)
    autocannon({ url, connections: CONNECTIONS, duration, headers: { cookie } }, (err, res) => {
      clearTimeout(guard)
      if (err) reject(err)
      else resolve(res)
    })
  })
}

export async function runLoad({ log = console.log } = {}) {
  const cookie = await makeSessionCookie({ secure: false })
  const servers = {}
  try {
    for (const name of ['latch', 'authjs']) servers[name] = await start(name)
    // Check each server answers with the session before timing anything.
    for (const [name, s] of Object.entries(servers)) {
      const body = await (await fetch(s.url, { headers: { cookie } })).json()
      if (body?.user?.name !== 'Ada Lovelace') throw new Error(`${name}: the load server does not see the session`)
    }
    for (const s of Object.values(servers)) await cannon(s.url, cookie, 2) // warm-up
    const runs = { latch: [], authjs: [] }
    for (let r = 0; r < ROUNDS; r++) {
      for (const name of r % 2 === 0 ? ['latch', 'authjs'] : ['authjs', 'latch']) {
        const res = await cannon(servers[name].url, cookie, DURATION)
        if (res.errors || res.non2xx) throw new Error(`${name}: ${res.errors} errors, ${res.non2xx} non-2xx responses under load`)
        runs[name].push({ rps: res.requests.average, p99: res.latency.p99, p50: res.latency.p50 })
        log(`  ${name}: ${res.requests.average.toFixed(0)} req/s, p50 ${res.latency.p50} ms, p99 ${res.latency.p99} ms`)
      }
    }
    const mean = (xs) => xs.reduce((a, b) => a + b, 0) / xs.length
    const sum = (name) => ({
      rps: mean(runs[name].map((x) => x.rps)),
      p99: mean(runs[name].map((x) => x.p99)),
      p50: mean(runs[name].map((x) => x.p50)),
    })
    const latch = sum('latch')
    const authjs = sum('authjs')
    return { latch, authjs, rpsRatio: latch.rps / authjs.rps, p99Ratio: authjs.p99 / latch.p99, duration: DURATION, connections: CONNECTIONS, rounds: ROUNDS }
  } finally {
    for (const s of Object.values(servers)) s.child.disconnect?.()
    for (const s of Object.values(servers)) setTimeout(() => s.child.kill('SIGKILL'), 2000).unref()
  }
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const r = await runLoad()
  console.log(r)
}
