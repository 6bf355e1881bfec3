import { build } from 'esbuild'
import { execFileSync } from 'node:child_process'
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { dirname, join, relative, resolve } from 'node:path'
import { pathToFileURL } from 'node:url'
import { describe, expect, it } from 'vitest'
import { encode } from '../src/jwt.js'
import { bundledInputs, coreRoot, eagerInputs, splitBuildOptions } from './support/split-build.js'


/**
 * Every source file a JWT session check may load, statically or on first use. A file that is not here and
 * lands on that path (a new feature imported from a session-path module: passkeys, two-factor, passwords,
 * account management...) fails both tests below: load it lazily from its own route instead (actions/table.ts),
 * or, if the session check really needs it, add it here and say why in the commit.
 */
const SESSION_PATH = new Set([
  'entry.ts',
  'src/index.ts',
  'src/auth.ts',
  'src/get-session.ts',
  'src/errors.ts',
  'src/session-path.ts', // bare imports only: gathers the shared session modules into one edge chunk
  'src/symbols.ts',
  'src/env.ts',
  'src/actions/table.ts',
  'src/actions/session.ts',
  'src/actions/events.ts',
  'src/config/resolve.ts',
  'src/config/defaults.ts',
  'src/config/logger.ts',
  'src/http/chunks.ts',
  'src/http/client-address.ts',
  'src/background/wait-until.ts',
  'src/http/cookie-names.ts',
  'src/http/cookies.ts',
  'src/http/forwarded.ts',
  'src/http/harden.ts',
  'src/http/origin.ts',
  'src/http/paths.ts',
  'src/http/response.ts',
  'src/http/safe-redirect.ts',
  'src/session/claims.ts', // the auth_time claim's name, kept on re-issue
  'src/session/jwt-codec.ts',
  'src/session/jwt-session.ts',
  'src/session/json-copy.ts', // getSession: the session as JSON carries it, without a JSON round trip
  'src/tokens/base64url.ts',
  'src/tokens/hmac-sha512.ts',
  'src/tokens/jwe-cbc.ts',
  'src/tokens/jwe-dir.ts',
  'src/tokens/jwt.ts',
  'src/tokens/keys.ts',
  // The provider the test entry imports (an app's own choice, not the session check's).
  'src/providers/google.ts',
  'src/providers/provider-defaults.ts',
])

/** A metafile path (relative to the working directory) as the list names it. */
const rel = (f: string) => f.replace(/^.*?packages\/core\//, '')

/** Feature folders and their dependencies that must never load for a session check, whatever the list says. */
const NEVER = /node_modules\/(\.pnpm\/)?(oauth4webapi|jose|@panva|@simplewebauthn|otpauth|uqr|@noble|bcrypt)|src\/(oauth|pages|rate-limit|passkeys|two-factor|passwords|account|email|redirect-proxy|store)\/|src\/actions\/(signin|callback|email-|pages|csrf|signout|session-database)|src\/session\/(database-session|cookie-cache|version|manage)/


/**
 * The session check runs on every request; OAuth, pages, email and rate limiting load on first use
 * (actions/table.ts, ARCHITECTURE.md "What loads when"). A static import of them on the session path
 * would quietly undo that: this keeps it visible.
 */
describe('lazy loading', () => {
  it('Auth + a provider statically imports only the listed session-path files (no OAuth, jose, pages, email, rate limiting or new features)', async () => {
    const eager = await eagerInputs(`
      export { Auth, getSession } from './src/index.ts'
      export { default as Google } from './src/providers/google.ts'
    `)
    expect(eager.some((f) => f.includes('src/actions/session.ts'))).toBe(true)
    expect(eager.some((f) => f.includes('src/tokens/jwe-cbc.ts'))).toBe(true)
    expect(eager.filter((f) => NEVER.test(f))).toEqual([])
    expect(eager.map(rel).filter((f) => !SESSION_PATH.has(f))).toEqual([])
  }, 60_000)

  it('a JWT session check through the split bundle loads only session-path files (measured, not inferred)', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'latch-lazy-'))
    try {
      const result = await build({ ...splitBuildOptions(`export { Auth } from './src/index.ts'\nexport { default as Google } from './src/providers/google.ts'`, dir), write: true })
      const cookie = `__Secure-authjs.session-token=${await encode({ token: { sub: 'u1', name: 'Ada' }, secret: 'lazy-test-secret-0123456789abcdef', salt: '__Secure-authjs.session-token' })}`
      // A fresh Node process answers one GET /auth/session with the bundle and reports every chunk it imported.
      const probe = `
        import { register } from 'node:module'
        const loaded = new Set()
        const { port1, port2 } = new MessageChannel()
        port1.on('message', (u) => loaded.add(u)); port1.unref()
        register('data:text/javascript,' + encodeURIComponent('let p; export function initialize(d) { p = d.port } export async function resolve(s, c, n) { const r = await n(s, c); p.postMessage(r.url); return r }'), { data: { port: port2 }, transferList: [port2] })
        const m = await import(${JSON.stringify(pathToFileURL(join(dir, 'entry.js')).href)})
        const config = { secret: 'lazy-test-secret-0123456789abcdef', trustHost: true, providers: [m.Google({ clientId: 'id', clientSecret: 's' })] }
        const res = await m.Auth(new Request('https://app.test/auth/session', { headers: { cookie: ${JSON.stringify(cookie)} } }), config)
        const body = await res.json()
        if (body?.user?.name !== 'Ada') throw new Error('no session: ' + JSON.stringify(body))
        await new Promise((r) => setTimeout(r, 50))
        process.stdout.write(JSON.stringify([...loaded]))`
      const loaded: string[] = JSON.parse(execFileSync(process.execPath, ['--input-type=module', '-e', probe], { encoding: 'utf8' }))
      const prefix = pathToFileURL(dir).href + '/'
      const chunks = loaded.filter((u) => u.startsWith(prefix)).map((u) => join(dir, u.slice(prefix.length)))
      const outputs = result.metafile.outputs
      const inputs = chunks.flatMap((c) => {
        const key = Object.keys(outputs).find((k) => resolve(k) === c)
        if (!key) throw new Error(`no metafile entry for ${c}`)
        return Object.keys(outputs[key]!.inputs)
      })
      expect(inputs.length).toBeGreaterThan(10)
      // session-path.ts keeps the shared part of the path in one chunk: the entry (auth.ts, the route table and the
      // session action, which load the lazy modules), that chunk, and esbuild's runtime helpers
      // (used by lazily loaded CommonJS dependencies, shared by every entry). 17 chunks without it.
      expect(chunks.length).toBeLessThanOrEqual(3)
      expect(inputs.filter((f) => NEVER.test(f))).toEqual([])
      expect(inputs.map(rel).filter((f) => !SESSION_PATH.has(f))).toEqual([])
    } finally {
      rmSync(dir, { recursive: true, force: true })
    }
  }, 60_000)

  it('every lazily loaded module (each import() target in the core) imports session-path.ts', () => {
    const src = join(coreRoot, 'src')
    const targets = new Set<string>()
    for (const file of readdirSync(src, { recursive: true, encoding: 'utf8' })) {
      if (!file.endsWith('.ts')) continue
      // `import('./x.js').Type` is a type position, not a lazily loaded module.
      for (const m of readFileSync(join(src, file), 'utf8').matchAll(/\bimport\('(\.{1,2}\/[^']+)\.js'\)(?!\.[A-Z])/g)) {
        targets.add(resolve(dirname(join(src, file)), `${m[1]}.ts`))
      }
    }
    expect(targets.size).toBeGreaterThan(20)
    const missing = [...targets].filter((t) => !/^import '(\.\.?\/)+session-path\.js'/m.test(readFileSync(t, 'utf8')))
    expect(missing.map((t) => relative(coreRoot, t))).toEqual([])
  })

  it('the getToken edge entry (@latch/core/jwt) carries no feature code and no JavaScript HMAC', async () => {
    const inputs = await bundledInputs(`export { getToken } from './src/jwt.ts'`)
    expect(inputs.some((f) => f.includes('src/tokens/jwe-cbc.ts'))).toBe(true)
    expect(inputs.filter((f) => NEVER.test(f) || f.includes('hmac-sha512') || f.includes('src/actions/'))).toEqual([])
  }, 60_000)

  it('jose is not in the core at all: session tokens are read and written with WebCrypto (tokens/jwe-*.ts)', async () => {
    const inputs = await bundledInputs(`export * from './src/index.ts'\nexport * from './src/jwt.ts'`)
    expect(inputs.some((f) => f.includes('src/tokens/jwe-dir.ts'))).toBe(true)
    expect(inputs.some((f) => f.includes('node_modules/oauth4webapi'))).toBe(true)
    expect(inputs.filter((f) => /node_modules\/(\.pnpm\/)?jose/.test(f))).toEqual([])
  }, 60_000)
})
