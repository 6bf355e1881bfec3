// Memory: heap bytes allocated per session check (Latch vs Auth.js) and heap growth over many Latch session
// checks, in a child process with --expose-gc. BENCH_MEM_CHECKS (default 100000; the figure is
// 1000000), BENCH_MEM_BOUND bytes of growth allowed between 10% of the run and its end (default 1 MiB).
import { execFile } from 'node:child_process'
import { promisify } from 'node:util'
import { fileURLToPath } from 'node:url'

const run = promisify(execFile)
export const MEM_BOUND = Number(process.env.BENCH_MEM_BOUND ?? 1024 * 1024)

export async function runMemory() {
  const child = fileURLToPath(new URL('./memory-child.mjs', import.meta.url))
  const { stdout } = await run(process.execPath, ['--expose-gc', child], { maxBuffer: 1 << 20 })
  const out = JSON.parse(stdout)
  out.ratio = out.perCall.authjs / out.perCall.latch
  out.bound = MEM_BOUND
  out.growthOk = out.growth.grewBy <= MEM_BOUND
  return out
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const out = await runMemory()
  console.log(JSON.stringify(out, null, 2))
  if (!out.growthOk) { console.error(`heap grew by ${out.growth.grewBy} bytes > ${MEM_BOUND}`); process.exitCode = 1 }
}
