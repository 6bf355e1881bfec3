// The framework pairs of section 5 as an A/B that resists a loaded machine: the functions alternate in batches
// of BENCH_AB_BATCH calls (20) for BENCH_AB_ROUNDS rounds (300), the order reversed every round, and each ratio
// is the median of the per-round ratios (BENCH_AB_CPU=1: process CPU time per batch instead of wall time).
// BENCH_BEFORE=<dir> also measures an earlier build in the same process: <dir>/node_modules/@latch/core and
// @latch/hono (each its package.json and dist/), copied from a checkout of the earlier commit after
// `pnpm run build`. Put <dir> under bench/ (bench/.before is git-ignored) so that `hono` resolves from it.
// Not part of `pnpm bench`: run it when deciding a change, e.g. BENCH_BEFORE=bench/.before node bench/src/framework-ab.mjs
import { Hono } from 'hono'
import { pathToFileURL } from 'node:url'
import { join } from 'node:path'
import * as hono from '@latch/hono'
import * as core from '@latch/core'
import { latchConfig, ORIGIN, makeSessionCookie } from './fixtures.mjs'

const ROUNDS = Number(process.env.BENCH_AB_ROUNDS ?? 300)
const BATCH = Number(process.env.BENCH_AB_BATCH ?? 20)
const CPU = process.env.BENCH_AB_CPU === '1'
const cookie = await makeSessionCookie({ secure: true })
const req = (path) => new Request(`${ORIGIN}${path}`, { headers: { cookie } })

function cases(L, C) {
  const config = { ...latchConfig }
  const app = new Hono()
  app.use('*', L.initAuthConfig(() => config))
  app.use('/auth/*', L.authHandler())
  app.get('/me', async (c) => c.json((await L.getAuthUser(c))?.session ?? null))
  return {
    route: async () => (await app.fetch(req('/me'))).json(),
    handler: async () => (await app.fetch(req('/auth/session'))).json(),
    core: async () => C.getSession(req('/dashboard'), config),
    direct: async () => (await C.Auth(req('/auth/session'), config)).json(),
  }
}

const builds = { after: cases(hono, core) }
if (process.env.BENCH_BEFORE) {
  const mod = (name, file) => import(pathToFileURL(join(process.env.BENCH_BEFORE, 'node_modules/@latch', name, 'dist', file)).href)
  builds.before = cases(await mod('hono', 'index.js'), await mod('core', 'index.js'))
}
for (const b of Object.values(builds)) for (const f of Object.values(b)) {
  const v = await f()
  if (v?.user?.name !== 'Ada Lovelace') throw new Error(`framework-ab: no session (${JSON.stringify(v)})`)
}
const time = async (f) => {
  if (CPU) {
    const c = process.cpuUsage()
    for (let i = 0; i < BATCH; i++) await f()
    const d = process.cpuUsage(c)
    return d.user + d.system
  }
  const t = performance.now()
  for (let i = 0; i < BATCH; i++) await f()
  return performance.now() - t
}
for (const b of Object.values(builds)) for (const f of Object.values(b)) for (let i = 0; i < 300; i++) await f()
const median = (xs) => { const s = [...xs].sort((a, b) => a - b); return s[s.length >> 1] }
const pairs = []
for (const name of Object.keys(builds)) pairs.push([`${name}: hono getAuthUser route / authHandler`, `${name}.route`, `${name}.handler`], [`${name}: core getSession / Auth()`, `${name}.core`, `${name}.direct`])
if (builds.before) pairs.push(['after / before: hono route', 'after.route', 'before.route'], ['after / before: core getSession', 'after.core', 'before.core'])
const ratios = Object.fromEntries(pairs.map(([label]) => [label, []]))
const order = Object.entries(builds).flatMap(([name, b]) => Object.keys(b).map((k) => `${name}.${k}`))
for (let r = 0; r < ROUNDS; r++) {
  const t = {}
  for (const key of r % 2 ? [...order].reverse() : order) {
    const [name, k] = key.split('.')
    t[key] = await time(builds[name][k])
  }
  for (const [label, a, b] of pairs) ratios[label].push(t[a] / t[b])
}
console.log(`${ROUNDS} rounds of ${BATCH} calls, ${CPU ? 'CPU time' : 'wall time'}, median of per-round ratios`)
for (const [label, xs] of Object.entries(ratios)) console.log(`${label.padEnd(48)} ${median(xs).toFixed(3)}`)
process.exit(0)
