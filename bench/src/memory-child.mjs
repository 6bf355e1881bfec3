// Run by memory.mjs with --expose-gc: heap bytes allocated per session check (Latch, Auth.js, Better Auth's
// cookie-cache check is not here: it needs the database instance), and a growth check for Latch over many checks.
import { libs, ORIGIN, makeSessionCookie } from './fixtures.mjs'

if (typeof gc !== 'function') throw new Error('memory-child: run with --expose-gc')
const CHECKS = Number(process.env.BENCH_MEM_CHECKS ?? 100_000)
const cookie = await makeSessionCookie({ secure: true })
const check = (lib) => async () => {
  const body = await (await lib.Auth(new Request(`${ORIGIN}/auth/session`, { headers: { cookie } }), lib.config)).json()
  if (body?.user?.name !== 'Ada Lovelace') throw new Error(`${lib.name}: no session`)
}
const fns = { latch: check(libs.latch), authjs: check(libs.authjs), empty: async () => {} }

/**
 * Bytes allocated per call: heapUsed after each call minus before, summing only increases (a GC in the window
 * makes a delta negative; that call's allocation is then left out, so this is a slight under-estimate).
 * The same loop around an empty function gives the sampling's own cost, subtracted by the caller.
 */
async function allocatedPerCall(fn, n) {
  for (let i = 0; i < 200; i++) await fn()
  gc()
  let sum = 0
  let counted = 0
  let prev = process.memoryUsage().heapUsed
  for (let i = 0; i < n; i++) {
    await fn()
    const now = process.memoryUsage().heapUsed
    if (now >= prev) { sum += now - prev; counted++ }
    prev = now
  }
  return sum / counted
}

const out = { perCall: {}, growth: null }
const ROUNDS = 5
const per = { latch: [], authjs: [], empty: [] }
for (let r = 0; r < ROUNDS; r++) {
  const keys = r % 2 ? ['authjs', 'latch', 'empty'] : ['latch', 'authjs', 'empty']
  for (const k of keys) per[k].push(await allocatedPerCall(fns[k], 2000))
}
const median = (xs) => [...xs].sort((a, b) => a - b)[xs.length >> 1]
const base = median(per.empty)
for (const k of ['latch', 'authjs']) out.perCall[k] = median(per[k]) - base

// Growth: heapUsed after two full GCs at 10% of the run and at its end.
const heapAfterGc = () => { gc(); gc(); return process.memoryUsage().heapUsed }
const mark = Math.floor(CHECKS / 10)
let atMark = 0
const started = performance.now()
for (let i = 1; i <= CHECKS; i++) {
  await fns.latch()
  if (i === mark) atMark = heapAfterGc()
}
const atEnd = heapAfterGc()
out.growth = { checks: CHECKS, mark, atMark, atEnd, grewBy: atEnd - atMark, seconds: (performance.now() - started) / 1000 }
process.stdout.write(JSON.stringify(out))
