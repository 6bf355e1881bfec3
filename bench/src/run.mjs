// `pnpm bench`: Latch vs @auth/core side by side. In-process (alternated cases), load (Hono + autocannon),
// bundle size and cold import. Prints a table of figures and ratios, and which targets hold.
// BENCH_JSON=path also writes the raw figures as JSON.
import { writeFileSync } from 'node:fs'
import { resolve } from 'node:path'
import { runInProcess } from './inprocess.mjs'
import { runLoad } from './load.mjs'
import { runSize } from './size.mjs'

const started = Date.now()
const hardLimit = setTimeout(() => {
  console.error('bench: over the 5-minute bound, giving up')
  process.exit(2)
}, 5 * 60_000)
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

const session = inproc.rows[0]
const targets = [
  ['session check in-process >= 4x faster', session.ratio >= 4, x2(session.ratio)],
  ['session req/s under load >= 4x', load.rpsRatio >= 4, x2(load.rpsRatio)],
  ['session check within 1.5x of the jose floor', inproc.floor.ratio <= 1.5, x2(inproc.floor.ratio)],
  ['edge entry gzip loaded by a session check <= 60% of Auth.js', size.sessionGzipRatio <= 0.6, `${(size.sessionGzipRatio * 100).toFixed(0)}%`],
  ['edge entry gzip, all chunks deployed <= 60% of Auth.js', size.totalGzipRatio <= 0.6, `${(size.totalGzipRatio * 100).toFixed(0)}%`],
  ['edge entry gzip, one file without splitting <= 60% of Auth.js', size.singleGzipRatio <= 0.6, `${(size.singleGzipRatio * 100).toFixed(0)}%`],
  ['session-check edge entry (getToken), one file <= 60% of Auth.js', size.tokenGzipRatio <= 0.6, `${(size.tokenGzipRatio * 100).toFixed(0)}%`],
  ['cold import <= 50% of Auth.js', size.importRatio <= 0.5, `${(size.importRatio * 100).toFixed(0)}%`],
  ['cold import incl. ESM loader start-up <= 50%', size.importUnwarmedRatio <= 0.5, `${(size.importUnwarmedRatio * 100).toFixed(0)}%`],
]
log('\nTargets')
for (const [name, ok, got] of targets) log(`  ${ok ? 'PASS' : 'MISS'}  ${name}: ${got}`)
log(`\nbench took ${((Date.now() - started) / 1000).toFixed(0)} s`)

if (process.env.BENCH_JSON) {
  const strip = (o) => { const { eagerInputs, ...rest } = o; return rest }
  // Relative to where `pnpm bench` was typed (pnpm runs this script from bench/).
  writeFileSync(resolve(process.env.INIT_CWD ?? process.cwd(), process.env.BENCH_JSON), JSON.stringify({ inproc, load, size: { ...size, latch: strip(size.latch), authjs: strip(size.authjs) }, targets }, null, 2))
}
