// Cold start: from process start to the first answered session request. Each run spawns a fresh Node process
// (cold-child.mjs) that imports one library, answers one GET session with a valid cookie and exits; the child
// reports performance.now() at the answer (Node's clock starts with the process). Libraries alternate, order
// rotated every run; ratios are per run, then the median. BENCH_COLD_RUNS (default 11).
import { execFile } from 'node:child_process'
import { promisify } from 'node:util'
import { fileURLToPath } from 'node:url'
import { betterAuth } from 'better-auth'
import { memoryAdapter } from 'better-auth/adapters/memory'
import { makeSessionCookie, ORIGIN, SECRET } from './fixtures.mjs'
import { median } from './alternate.mjs'

const run = promisify(execFile)
const RUNS = Number(process.env.BENCH_COLD_RUNS ?? 11)
const child = fileURLToPath(new URL('./cold-child.mjs', import.meta.url))

/** A Better Auth session (token + JWE cookie cache) minted by an in-memory instance with the same secret. */
async function betterAuthCookie() {
  const db = { user: [], session: [], account: [], verification: [] }
  const auth = betterAuth({
    baseURL: ORIGIN, basePath: '/api/auth', secret: SECRET, database: memoryAdapter(db), emailAndPassword: { enabled: true },
    session: { cookieCache: { enabled: true, maxAge: 5 * 60, strategy: 'jwe' } },
    rateLimit: { enabled: false }, telemetry: { enabled: false }, logger: { disabled: true },
  })
  const res = await auth.api.signUpEmail({ body: { email: 'ada@example.com', password: 'correct horse battery', name: 'Ada Lovelace' }, asResponse: true })
  return res.headers.getSetCookie().map((c) => c.split(';')[0]).join('; ')
}

async function once(lib, cookie) {
  const t = performance.now()
  const { stdout } = await run(process.execPath, [child, lib], { env: { ...process.env, BENCH_COOKIE: cookie } })
  return { answeredMs: Number(stdout), wallMs: performance.now() - t }
}

export async function runColdStart({ log = console.log } = {}) {
  const jwt = await makeSessionCookie({ secure: true })
  const cookies = { latch: jwt, authjs: jwt, betterauth: await betterAuthCookie() }
  const libs = Object.keys(cookies)
  libs.push('node') // bare Node start-up, for reference (not a ratio)
  cookies.node = ''
  for (const lib of libs) await once(lib, cookies[lib]) // checks each child works; warms the OS file cache
  const got = Object.fromEntries(libs.map((k) => [k, { answered: [], wall: [], ratio: [] }]))
  for (let r = 0; r < RUNS; r++) {
    const order = libs.map((_, j) => libs[(j + r) % libs.length])
    const t = {}
    for (const lib of order) t[lib] = await once(lib, cookies[lib])
    for (const lib of libs) {
      got[lib].answered.push(t[lib].answeredMs)
      got[lib].wall.push(t[lib].wallMs)
      got[lib].ratio.push(t[lib].answeredMs / t.latch.answeredMs)
    }
  }
  log(`  ${RUNS} cold starts per library done`)
  // The library's own share: medians minus bare Node's start-up (ratio of medians; per-run differences are too noisy).
  const net = (k) => median(got[k].answered) - median(got.node.answered)
  return {
    runs: RUNS,
    libs: Object.fromEntries(libs.map((k) => [k, { answeredMs: median(got[k].answered), wallMs: median(got[k].wall), ratio: median(got[k].ratio), netMs: net(k), netRatio: net(k) / net('latch') }])),
  }
}

if (import.meta.url === `file://${process.argv[1]}`) console.log(JSON.stringify(await runColdStart(), null, 2))
