// Child of cold-start.mjs: imports ONE library, answers one GET session request with the valid cookie from
// BENCH_COOKIE, prints performance.now() (ms since this process started) and exits.
const lib = process.argv[2]
const cookie = process.env.BENCH_COOKIE
const ORIGIN = 'https://app.example.com'
const secret = 'bench-secret-0123456789abcdef0123456789abcdef'
let body
if (lib === 'node') {
  body = { user: { name: 'Ada Lovelace' } } // bare Node: what every process pays before importing anything
} else if (lib === 'latch' || lib === 'authjs') {
  const core = lib === 'latch' ? '@latch/core' : '@auth/core'
  const { Auth } = await import(core)
  const { default: Google } = await import(`${core}/providers/google`)
  const config = { secret, trustHost: true, basePath: '/auth', providers: [Google({ clientId: 'id', clientSecret: 'secret' })] }
  body = await (await Auth(new Request(`${ORIGIN}/auth/session`, { headers: { cookie } }), config)).json()
} else if (lib === 'betterauth') {
  const { betterAuth } = await import('better-auth')
  // No database: Better Auth's stateless mode, reading the session from its JWE cookie cache.
  const auth = betterAuth({
    baseURL: ORIGIN, basePath: '/api/auth', secret,
    session: { cookieCache: { enabled: true, maxAge: 5 * 60, strategy: 'jwe' } },
    rateLimit: { enabled: false }, telemetry: { enabled: false }, logger: { disabled: true },
  })
  body = await (await auth.handler(new Request(`${ORIGIN}/api/auth/get-session`, { headers: { cookie } }))).json()
} else throw new Error(`cold-child: unknown ${lib}`)
const at = performance.now()
if (body?.user?.name !== 'Ada Lovelace') throw new Error(`cold-child ${lib}: no session (${JSON.stringify(body)})`)
process.stdout.write(String(at))
