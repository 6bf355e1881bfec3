// The Hono example bundled for Workers (no nodejs_compat) and served by the `workerd` binary from npm.
import { spawn, type ChildProcess } from 'node:child_process'
import { mkdtemp, rm, writeFile } from 'node:fs/promises'
import { createServer, type AddressInfo } from 'node:net'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { build } from 'esbuild'
import { defineIntegrationSuite } from '@latch/core/testing'
import { DEMO_USERS } from '../../../examples/hono/src/app.js'

const entry = fileURLToPath(new URL('../../../examples/hono/src/worker.js', import.meta.url))
const secret = 'workerd-integration-test-secret-0123456789abcdef'
const user = DEMO_USERS[0]!

async function freePort(): Promise<number> {
  const srv = createServer()
  await new Promise<void>((resolve) => srv.listen(0, '127.0.0.1', resolve))
  const { port } = srv.address() as AddressInfo
  await new Promise<void>((resolve) => srv.close(() => resolve()))
  return port
}

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

async function waitUntilUp(url: string, child: ChildProcess, log: () => string): Promise<void> {
  const deadline = Date.now() + 30_000
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`workerd exited with ${child.exitCode}:\n${log()}`)
    try {
      await (await fetch(url)).text()
      return
    } catch {
      await new Promise((r) => setTimeout(r, 100))
    }
  }
  throw new Error(`workerd did not answer on ${url}:\n${log()}`)
}

async function startWorkerd() {
  const dir = await mkdtemp(join(tmpdir(), 'latch-workerd-'))
  await build({
    entryPoints: [entry],
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
  const child = spawn(bin, ['serve', join(dir, 'config.capnp'), '--verbose'], { cwd: dir, stdio: ['ignore', 'pipe', 'pipe'] })
  let output = ''
  child.stdout!.on('data', (d) => (output += d))
  child.stderr!.on('data', (d) => (output += d))
  const baseUrl = `http://127.0.0.1:${port}`
  await waitUntilUp(`${baseUrl}/auth/csrf`, child, () => output)
  return {
    baseUrl,
    async close() {
      const exited = new Promise((resolve) => child.once('exit', resolve))
      child.kill('SIGTERM')
      await exited
      await rm(dir, { recursive: true, force: true })
    },
  }
}

defineIntegrationSuite({
  name: 'hono (workerd, no nodejs_compat)',
  start: startWorkerd,
  basePath: '/auth',
  protectedPage: '/protected',
  protectedApi: '/api/me',
  credentials: { username: user.username, password: user.password },
})
