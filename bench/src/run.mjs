// `pnpm bench`: Latch vs @auth/core side by side. In-process (alternated cases), load (Hono + autocannon),
// bundle size and cold import. Prints a table of figures and ratios, and which targets hold.
// BENCH_JSON=path also writes the raw figures as JSON.
import { writeFileSync } from 'node:fs'
import { resolve } from 'node:path'
import { runInProcess } from './inprocess.mjs'
import { runLoad } from './load.mjs'
import { runSize } from './size.mjs'
import { runPeers } from './peers.mjs'
import { runFramework } from './framework.mjs'
import { runColdStart } from './cold-start.mjs'
import { runMemory } from './memory.mjs'
import { runInstances } from './instances.mjs'

const started = Date.now()
const hardLimit = setTimeout(() => {
  console.error('bench: over the 15-minute bound, giving up')
  process.exit(2)
}, 15 * 60_000)
hardLimit.unref()

const f1 = (x) => x.toFixed(1)
const x2 = (x) => `${x.toFixed(2)}x`
const kb = (b) => `${(b / 1024).toFixed(1)} kB`
const log = (s) => console.log(s)

log(`Latch vs Auth.js (@auth/core 0.41.3): Node ${process.version}, ${new Date().toISOString()}`)
log('\n1. In-process (median of per-round p50 ratios; Latch and Auth.js alternate within each round)')
const inproc = await runInProcess({ log })
console.table(
  inproc.rows.map((r) => ({
    case: r.name,
    'Auth.js µs': f1(r.authjsUs),
    'Latch µs': f1(r.latchUs),
    'Latch faster by': x2(r.ratio),
    'ratio range': `${r.ratioMin.toFixed(2)}–${r.ratioMax.toFixed(2)}`,
  })),
)
log(`floor, one jose jwtDecrypt with a cached key: ${f1(inproc.floor.floorUs)} µs; Latch session check (Request to Response) ${f1(inproc.floor.latchUs)} µs = ${x2(inproc.floor.ratio)} the floor; Latch decode() alone ${f1(inproc.floor.latchDecodeUs)} µs`)

log('\n2. Load: Hono + @hono/node-server on 127.0.0.1, autocannon 50 connections, GET /auth/session with a valid cookie')
const load = await runLoad({ log: (s) => log(s) })
console.table({
  Latch: { 'req/s': load.latch.rps.toFixed(0), 'p50 ms': f1(load.latch.p50), 'p99 ms': f1(load.latch.p99) },
  'Auth.js': { 'req/s': load.authjs.rps.toFixed(0), 'p50 ms': f1(load.authjs.p50), 'p99 ms': f1(load.authjs.p99) },
})
log(`req/s ratio ${x2(load.rpsRatio)}, p99 ${x2(load.p99Ratio)} lower (${load.rounds} runs of ${load.duration} s each, alternated)`)

log('\n3. Minimal edge entry (Auth + Google provider; esbuild neutral/worker,browser, minified, ESM with splitting) and cold import')
const size = await runSize()
console.table({
  Latch: {
    'session check min': kb(size.latch.sessionBytes), 'session check gzip': kb(size.latch.sessionGzip), 'eager gzip': kb(size.latch.gzip),
    'all chunks gzip': kb(size.latch.totalGzip), 'single file gzip': kb(size.latch.singleGzip), 'getToken entry gzip': kb(size.latch.tokenGzip), 'import ms': f1(size.latch.importMs), 'import ms, loader cold': f1(size.latch.importUnwarmedMs),
  },
  'Auth.js': {
    'session check min': kb(size.authjs.sessionBytes), 'session check gzip': kb(size.authjs.sessionGzip), 'eager gzip': kb(size.authjs.gzip),
    'all chunks gzip': kb(size.authjs.totalGzip), 'single file gzip': kb(size.authjs.singleGzip), 'getToken entry gzip': kb(size.authjs.tokenGzip), 'import ms': f1(size.authjs.importMs), 'import ms, loader cold': f1(size.authjs.importUnwarmedMs),
  },
})
log(`loaded by a session check: ${size.latch.sessionChunks} chunks, gzip ${x2(size.sessionGzipRatio)} of Auth.js's; eager ${x2(size.gzipRatio)}; all chunks ${x2(size.totalGzipRatio)}; single file ${x2(size.singleGzipRatio)}; getToken entry (one file) ${x2(size.tokenGzipRatio)}; cold import ${x2(size.importRatio)} (${x2(size.importUnwarmedRatio)} counting the ESM loader's own start-up; median of ${size.runs} fresh processes each)`)

log('\n4. Peers on PostgreSQL 127.0.0.1:5432 (Better Auth 1.7.25, @auth/core 0.41.3 + @auth/pg-adapter, Latch + @latch/adapter-postgres); alternated, median of per-round ratios')
const peers = await runPeers({ log })
console.table(
  peers.map((r) => ({
    case: r.name,
    'Latch µs': f1(r.us.latch), 'Auth.js µs': f1(r.us.authjs), 'Better Auth µs': f1(r.us.betterauth),
    'Auth.js / Latch': x2(r.ratio.authjs.median), 'Better Auth / Latch': x2(r.ratio.betterauth.median),
    'pool checkouts per check L/A/B': `${r.queries.latch}/${r.queries.authjs}/${r.queries.betterauth}`,
  })),
)

log('\n5. Framework session read vs a direct Auth() GET /session (Latch only; ratio above 1 = the framework path costs more)')
const framework = await runFramework({ log })
console.table(framework.map((r) => ({ case: r.name, 'direct µs': f1(r.us.direct), 'framework µs': f1(r.us.framework), ratio: x2(r.ratio.framework.median), range: `${r.ratio.framework.min.toFixed(2)}–${r.ratio.framework.max.toFixed(2)}` })))

log('\n6. Cold start: fresh Node process to the first answered GET session with a valid cookie (median; libraries alternate)')
const cold = await runColdStart({ log })
console.table(Object.fromEntries(Object.entries(cold.libs).map(([k, v]) => [k, { 'answered at ms': f1(v.answeredMs), 'spawn to exit ms': f1(v.wallMs), 'x Latch': x2(v.ratio), 'minus bare Node ms': f1(v.netMs), 'minus bare Node, x Latch': x2(v.netRatio) }])))

log('\n7. Memory: heap bytes allocated per GET /session (valid cookie), and heap growth over many Latch session checks')
const memory = await runMemory()
console.table({ Latch: { 'bytes per check': memory.perCall.latch.toFixed(0) }, 'Auth.js': { 'bytes per check': memory.perCall.authjs.toFixed(0) } })
const g = memory.growth
log(`Auth.js allocates ${x2(memory.ratio)} Latch's bytes per check. Growth: heapUsed after GC at ${g.mark} checks ${kb(g.atMark)}, at ${g.checks} ${kb(g.atEnd)}: ${g.grewBy >= 0 ? '+' : ''}${(g.grewBy / 1024).toFixed(1)} kB (bound ${kb(memory.bound)}; ${g.seconds.toFixed(0)} s; BENCH_MEM_CHECKS=1000000 for the full million)`)

log('\n8. Instances: 3 Latch processes vs 1, database sessions on PostgreSQL 127.0.0.1:5432 (Hono; autocannon 48 connections in all, spread evenly over the processes; alternated)')
const instances = await runInstances({ log })
console.table({
  '1 instance': { 'req/s': instances.one.rps.toFixed(0), 'p99 ms': f1(instances.one.p99) },
  '3 instances': { 'req/s': instances.three.rps.toFixed(0), 'p99 ms': f1(instances.three.p99) },
})
log(`3 instances / 1 (median of per-round ratios): req/s ${x2(instances.rpsRatio)} (${instances.rpsRatioRange.map((x) => x.toFixed(2)).join('–')}), p99 ${x2(instances.p99Ratio)} (${instances.p99RatioRange.map((x) => x.toFixed(2)).join('–')}); ${instances.cores} cores shared by the instances, PostgreSQL and the load generator; ${instances.rounds} rounds of ${instances.duration} s`)

const session = inproc.rows[0]
const reissue = inproc.rows.find((r) => r.name.includes('re-issued'))
const targets = [
  ['session check in-process, each library\'s defaults >= 6.5x faster', session.ratio >= 6.5, x2(session.ratio)],
  ['session check in-process, cookie re-issued on every read as Auth.js does >= 3.6x', reissue.ratio >= 3.6, x2(reissue.ratio)],
  ['session req/s under load >= 4x', load.rpsRatio >= 4, x2(load.rpsRatio)],
  ['session check within 1.5x of the jose floor', inproc.floor.ratio <= 1.5, x2(inproc.floor.ratio)],
  ['edge entry gzip loaded by a session check <= 27% of Auth.js', size.sessionGzipRatio <= 0.27, `${(size.sessionGzipRatio * 100).toFixed(0)}%`],
  ['edge entry gzip, all chunks deployed <= 60% of Auth.js', size.totalGzipRatio <= 0.6, `${(size.totalGzipRatio * 100).toFixed(0)}%`],
  ['edge entry gzip, one file without splitting <= 60% of Auth.js', size.singleGzipRatio <= 0.6, `${(size.singleGzipRatio * 100).toFixed(0)}%`],
  ['session-check edge entry (getToken), one file <= 29% of Auth.js', size.tokenGzipRatio <= 0.29, `${(size.tokenGzipRatio * 100).toFixed(0)}%`],
  ['cold import <= 50% of Auth.js', size.importRatio <= 0.5, `${(size.importRatio * 100).toFixed(0)}%`],
  ['cold import incl. ESM loader start-up <= 50%', size.importUnwarmedRatio <= 0.5, `${(size.importUnwarmedRatio * 100).toFixed(0)}%`],
  ...peers.flatMap((r) => [
    [`${r.name}: Latch ahead of Auth.js`, r.ratio.authjs.median > 1, x2(r.ratio.authjs.median)],
    [`${r.name}: Latch ahead of Better Auth`, r.ratio.betterauth.median > 1, x2(r.ratio.betterauth.median)],
  ]),
  ...framework.map((r) => [`${r.name} <= 1.05x`, r.ratio.framework.median <= 1.05, x2(r.ratio.framework.median)]),
  ['cold start to first session answer: Latch ahead of Auth.js', cold.libs.authjs.ratio > 1, x2(cold.libs.authjs.ratio)],
  ['cold start to first session answer: Latch ahead of Better Auth', cold.libs.betterauth.ratio > 1, x2(cold.libs.betterauth.ratio)],
  [`no heap growth over ${g.checks} session checks (<= ${kb(memory.bound)})`, memory.growthOk, `${(g.grewBy / 1024).toFixed(1)} kB`],
]
log('\nTargets')
for (const [name, ok, got] of targets) log(`  ${ok ? 'PASS' : 'MISS'}  ${name}: ${got}`)
if (!memory.growthOk) {
  console.error(`\nbench: FAIL, the heap grew by ${g.grewBy} bytes over ${g.checks} session checks (bound ${memory.bound}): a leak`)
  process.exitCode = 1
}
log(`\nbench took ${((Date.now() - started) / 1000).toFixed(0)} s`)

if (process.env.BENCH_JSON) {
  const strip = (o) => { const { eagerInputs, ...rest } = o; return rest }
  // Relative to where `pnpm bench` was typed (pnpm runs this script from bench/).
  writeFileSync(resolve(process.env.INIT_CWD ?? process.cwd(), process.env.BENCH_JSON), JSON.stringify({ inproc, load, size: { ...size, latch: strip(size.latch), authjs: strip(size.authjs) }, peers, framework, cold, memory, instances, targets }, null, 2))
}
