// Shared by the peer, framework and memory benches: measure several functions of one case alternately, rotating
// the order every round, and take each peer's ratio to a base function per round, then the median.
import { measure } from 'mitata'

export const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 5)
const MIN_CPU_NS = Number(process.env.BENCH_SAMPLE_MS ?? 200) * 1e6

export const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b)
  const m = s.length >> 1
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2
}

/**
 * cases: [{ name, fns: { key: async fn } }]; base: the key every other is divided by (peer µs / base µs, so a
 * ratio above 1 means the base is faster). Returns per case { name, us: {key: µs}, ratio: {key: {median,min,max}} }.
 */
export async function alternate(cases, { base, rounds = ROUNDS, log = () => {} } = {}) {
  const opts = { min_cpu_time: MIN_CPU_NS, min_samples: 12 }
  for (const c of cases) for (const f of Object.values(c.fns)) await measure(f, { ...opts, min_cpu_time: 50e6 })
  const acc = cases.map((c) => ({ name: c.name, p50: {}, ratio: {} }))
  for (let r = 0; r < rounds; r++) {
    for (let i = 0; i < cases.length; i++) {
      const keys = Object.keys(cases[i].fns)
      const order = keys.map((_, j) => keys[(j + r) % keys.length])
      if (r % 2) order.reverse()
      const got = {}
      for (const k of order) got[k] = (await measure(cases[i].fns[k], opts)).p50
      for (const k of keys) {
        ;(acc[i].p50[k] ??= []).push(got[k])
        if (k !== base) (acc[i].ratio[k] ??= []).push(got[k] / got[base])
      }
    }
    log(`  round ${r + 1}/${rounds} done`)
  }
  return acc.map((a) => ({
    name: a.name,
    us: Object.fromEntries(Object.entries(a.p50).map(([k, v]) => [k, median(v) / 1000])),
    ratio: Object.fromEntries(Object.entries(a.ratio).map(([k, v]) => [k, { median: median(v), min: Math.min(...v), max: Math.max(...v) }])),
  }))
}
