// The Hono example bundled for Workers (no nodejs_compat) and served by the `workerd` binary from npm.
import { mkdtemp, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { build } from 'esbuild'
import { defineHeadersSuite, defineIntegrationSuite, definePasskeySuite } from '@latch/core/testing'
import { freePort, spawnServer } from '@latch/dev-oidc/testing'
import { DEMO_USERS } from '../../../examples/hono/src/app.js'

const entry = fileURLToPath(new URL('../../../examples/hono/src/worker.js', import.meta.url))
const secret = 'workerd-integration-test-secret-0123456789abcdef'
const user = DEMO_USERS[0]!

function capnp(port: number, compatibilityDate: string): string {
  const text = (name: string, value: string) => `(name = ${JSON.stringify(name)}, text = ${JSON.stringify(value)})`
  return `using Workerd = import "/workerd/workerd.capnp";
const config :Workerd.Config = (
  services = [ (name = "main", worker = .worker) ],
  sockets = [ (name = "http", address = "127.0.0.1:${port}", http = (), service = "main") ],
);
const worker :Workerd.Worker = (
  modules = [ (name = "worker.js", esModule = embed "worker.js") ],
  compatibilityDate = "${compatibilityDate}",
  bindings = [ ${text('AUTH_SECRET', secret)}, ${text('AUTH_URL', `http://127.0.0.1:${port}`)} ],
);
`
}

/** `worker`: the module to serve instead of the example's worker.js (source, resolved from the example's folder). */
async function startWorkerd(worker?: string) {
  const dir = await mkdtemp(join(tmpdir(), 'latch-workerd-'))
  await build({
    ...(worker ? { stdin: { contents: worker, resolveDir: fileURLToPath(new URL('../../../examples/hono/src/', import.meta.url)), loader: 'js' as const } } : { entryPoints: [entry] }),
    outfile: join(dir, 'worker.js'),
    bundle: true,
    format: 'esm',
    platform: 'browser',
    target: 'es2022',
    conditions: ['latch-source', 'workerd', 'worker', 'browser'],
    logLevel: 'silent',
  })
  const { default: bin, compatibilityDate } = (await import('workerd' as string)) as unknown as { default: string; compatibilityDate: string }
  const port = await freePort()
  await writeFile(join(dir, 'config.capnp'), capnp(port, compatibilityDate))
  const baseUrl = `http://127.0.0.1:${port}`
  const workerd = await spawnServer('workerd', bin, ['serve', join(dir, 'config.capnp'), '--verbose'], { cwd: dir, readyUrl: `${baseUrl}/auth/csrf` })
  return {
    baseUrl,
    async close() {
      await workerd.close()
      await rm(dir, { recursive: true, force: true })
    },
  }
}

defineIntegrationSuite({
  name: 'hono (workerd, no nodejs_compat)',
  start: () => startWorkerd(),
  basePath: '/auth',
  protectedPage: '/protected',
  protectedApi: '/api/me',
  credentials: { username: user.username, password: user.password },
})

// Response headers (caching, nosniff) in a Workers runtime.
defineHeadersSuite({
  name: 'hono (workerd)',
  start: () => startWorkerd(),
  secret,
  basePath: '/auth',
  protectedPage: '/protected',
  protectedApi: '/api/me',
  credentials: { username: user.username, password: user.password },
})

// Passkeys in a Workers runtime: SimpleWebAuthn on WebCrypto, the example with the passkey provider and the
// in-memory adapter (one isolate keeps it for the test).
definePasskeySuite({
  name: 'hono (workerd)',
  protectedApi: '/api/me',
  start: () =>
    startWorkerd(`
      import { createApp } from './app.js'
      import Passkey from '@latch/core/providers/passkey'
      import { MemoryAdapter } from '@latch/core/adapters/memory'
      export default createApp({ config: { adapter: MemoryAdapter(), providers: [Passkey] } })
    `),
})
