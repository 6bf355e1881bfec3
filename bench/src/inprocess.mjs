// In-process benchmark: each case runs Latch and Auth.js alternately (order flipped every round) in this
// one process, so background load on the machine hits both sides alike. Ratios are per round, then the median.
import { measure } from 'mitata'
import { jwtDecrypt } from 'jose'
import { hkdf } from '@panva/hkdf'
import { decode as latchDecode } from '@latch/core/jwt'
import { libs, ORIGIN, SECRET, COOKIE_NAME, makeSessionCookie } from './fixtures.mjs'

const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 5)
const MIN_CPU_NS = Number(process.env.BENCH_SAMPLE_MS ?? 200) * 1e6

const cookie = await makeSessionCookie({ secure: true })
const jwe = cookie.slice(COOKIE_NAME.length + 1)

async function csrfPair(lib) {
  const res = await lib.Auth(new Request(`${ORIGIN}/auth/csrf`), lib.config)
  const { csrfToken } = await res.json()
  const csrfCookie = res.headers.getSetCookie().find((c) => c.includes('csrf-token')).split(';')[0]
  return { csrfToken, csrfCookie }
}

/** Each case: a function per library, returning something checked once before timing (so both do real work). */
async function cases() {
  const out = []
  const per = async (name, make, check) => {
    const fns = {}
    for (const [k, lib] of Object.entries(libs)) {
      fns[k] = await make(lib)
      const v = await fns[k]()
      if (check) check(k, v)
    }
    out.push({ name, fns })
  }
  await per(
    'GET /session (valid cookie)',
    async (lib) => async () => {
      const res = await lib.Auth(new Request(`${ORIGIN}/auth/session`, { headers: { cookie } }), lib.config)
      return res.json()
    },
    (k, v) => { if (v?.user?.name !== 'Ada Lovelace') throw new Error(`${k}: session not decoded`) },
  )
  // Auth.js re-encrypts the session cookie on every read; Latch only after updateAge. The same semantics on
  // both sides: Latch with `session.updateAge: 0` re-issues the cookie on every read too (checked below).
  await per(
    'GET /session, cookie re-issued on every read (Latch updateAge: 0)',
    async (lib) => {
      const config = lib === libs.latch ? { ...lib.config, session: { updateAge: 0 } } : lib.config
      return async () => {
        const res = await lib.Auth(new Request(`${ORIGIN}/auth/session`, { headers: { cookie } }), config)
        return { res, body: await res.json() }
      }
    },
    (k, { res, body }) => {
      if (body?.user?.name !== 'Ada Lovelace') throw new Error(`${k}: session not decoded`)
      if (!res.headers.getSetCookie().some((c) => c.startsWith(`${COOKIE_NAME}=`))) throw new Error(`${k}: session cookie not re-issued`)
    },
  )
  await per(
    'getSession(request) as auth() does',
    async (lib) => async () => lib.getSession(new Request(`${ORIGIN}/dashboard`, { headers: { cookie } }), lib.config),
    (k, v) => { if (v?.user?.name !== 'Ada Lovelace') throw new Error(`${k}: getSession did not see the session`) },
  )
  await per(
    'GET /session (no cookie)',
    async (lib) => async () => (await lib.Auth(new Request(`${ORIGIN}/auth/session`), lib.config)).json(),
    (k, v) => { if (v !== null && Object.keys(v).length) throw new Error(`${k}: expected an empty session`) },
  )
  await per(
    'GET /csrf',
    async (lib) => async () => (await lib.Auth(new Request(`${ORIGIN}/auth/csrf`), lib.config)).json(),
    (k, v) => { if (typeof v?.csrfToken !== 'string') throw new Error(`${k}: no csrf token`) },
  )
  await per(
    'POST /signin/oidc (OAuth redirect)',
    async (lib) => {
      const { csrfToken, csrfCookie } = await csrfPair(lib)
      const body = new URLSearchParams({ csrfToken, callbackUrl: '/home' }).toString()
      return async () => {
        const res = await lib.Auth(
          new Request(`${ORIGIN}/auth/signin/oidc`, {
            method: 'POST',
            headers: { cookie: csrfCookie, 'content-type': 'application/x-www-form-urlencoded' },
            body,
          }),
          lib.config,
        )
        await res.arrayBuffer()
        return res.headers.get('location')
      }
    },
    (k, v) => { if (!v?.startsWith('https://issuer.example/authorize?')) throw new Error(`${k}: no authorize redirect (${v})`) },
  )
  await per(
    'GET /signin (page)',
    async (lib) => async () => (await lib.Auth(new Request(`${ORIGIN}/auth/signin`), lib.config)).text(),
    (k, v) => { if (!v.includes('OIDC')) throw new Error(`${k}: sign-in page without the provider`) },
  )
  await per(
    'getToken (cookie)',
    async (lib) => async () =>
      lib.getToken({ req: new Request(`${ORIGIN}/`, { headers: { cookie } }), secret: SECRET, secureCookie: true }),
    (k, v) => { if (v?.sub !== 'user-1') throw new Error(`${k}: getToken failed`) },
  )
  return out
}

/** The floor: one jose jwtDecrypt of the same cookie with the key derived once and cached. */
async function floorFn() {
  const key = await hkdf('sha256', SECRET, COOKIE_NAME, `Auth.js Generated Encryption Key (${COOKIE_NAME})`, 64)
  const fn = async () => (await jwtDecrypt(jwe, key, { clockTolerance: 15 })).payload
  if ((await fn()).sub !== 'user-1') throw new Error('floor decrypt failed')
  return fn
}

const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b)
  const m = s.length >> 1
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2
}

export async function runInProcess({ log = console.log } = {}) {
  const list = await cases()
  const floor = await floorFn()
  const results = list.map((c) => ({ name: c.name, authjs: [], latch: [], ratio: [] }))
  const floorResult = { latch: [], floor: [], ratio: [], decode: [] }
  // Latch's token decode alone (no request/response), for reference next to the floor.
  const decodeOnly = async () => latchDecode({ token: jwe, secret: SECRET, salt: COOKIE_NAME })
  if ((await decodeOnly())?.sub !== 'user-1') throw new Error('latch decode failed')
  const opts = { min_cpu_time: MIN_CPU_NS, min_samples: 12 }
  // Warm up every function once so JIT state is comparable from round 1.
  for (const c of list) for (const f of Object.values(c.fns)) await measure(f, { ...opts, min_cpu_time: 50e6 })
  await measure(floor, { ...opts, min_cpu_time: 50e6 })
  for (let r = 0; r < ROUNDS; r++) {
    const order = r % 2 === 0 ? ['latch', 'authjs'] : ['authjs', 'latch']
    for (let i = 0; i < list.length; i++) {
      const got = {}
      for (const k of order) got[k] = (await measure(list[i].fns[k], opts)).p50
      results[i].authjs.push(got.authjs)
      results[i].latch.push(got.latch)
      results[i].ratio.push(got.authjs / got.latch)
    }
    // Session check vs the floor, alternated too.
    const fo = r % 2 === 0 ? ['latch', 'floor'] : ['floor', 'latch']
    const got = {}
    for (const k of fo) got[k] = (await measure(k === 'floor' ? floor : list[0].fns.latch, opts)).p50
    floorResult.decode.push((await measure(decodeOnly, opts)).p50)
    floorResult.latch.push(got.latch)
    floorResult.floor.push(got.floor)
    floorResult.ratio.push(got.latch / got.floor)
    log(`  round ${r + 1}/${ROUNDS} done`)
  }
  const rows = results.map((x) => ({
    name: x.name,
    authjsUs: median(x.authjs) / 1000,
    latchUs: median(x.latch) / 1000,
    ratio: median(x.ratio),
    ratioMin: Math.min(...x.ratio),
    ratioMax: Math.max(...x.ratio),
  }))
  const floorRow = {
    floorUs: median(floorResult.floor) / 1000,
    latchUs: median(floorResult.latch) / 1000,
    ratio: median(floorResult.ratio),
    latchDecodeUs: median(floorResult.decode) / 1000,
  }
  return { rows, floor: floorRow, rounds: ROUNDS }
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const { rows, floor } = await runInProcess()
  console.table(rows.map((r) => ({ case: r.name, 'Auth.js µs': r.authjsUs.toFixed(1), 'Latch µs': r.latchUs.toFixed(1), 'speed-up': r.ratio.toFixed(2) + 'x', range: `${r.ratioMin.toFixed(2)}–${r.ratioMax.toFixed(2)}` })))
  console.log(`floor (jose jwtDecrypt, cached key): ${floor.floorUs.toFixed(1)} µs; Latch session check ${floor.latchUs.toFixed(1)} µs = ${floor.ratio.toFixed(2)}x the floor`)
}
