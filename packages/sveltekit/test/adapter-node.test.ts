// The SvelteKit example, built with adapter-node, served by `node build/index.js` on 127.0.0.1.
import { execFile, spawn } from 'node:child_process'
import { request as httpRequest, createServer as createHttpServer } from 'node:http'
import { createServer, type AddressInfo } from 'node:net'
import { fileURLToPath } from 'node:url'
import { promisify } from 'node:util'
import { defineIntegrationSuite } from '@latch/core/testing'

const example = fileURLToPath(new URL('../../../examples/sveltekit/', import.meta.url))
const secret = 'sveltekit-integration-test-secret-0123456789abcdef'

let built: Promise<unknown> | undefined
/** Build once for every suite in this file (against the workspace sources). */
function build() {
  built ??= promisify(execFile)('pnpm', ['exec', 'vite', 'build'], {
    cwd: example,
    env: { ...process.env, LATCH_SOURCE: '1', NODE_ENV: 'production' },
    maxBuffer: 32 * 1024 * 1024,
  })
  return built
}

async function freePort(): Promise<number> {
  const srv = createServer()
  await new Promise<void>((resolve) => srv.listen(0, '127.0.0.1', resolve))
  const { port } = srv.address() as AddressInfo
  await new Promise<void>((resolve) => srv.close(() => resolve()))
  return port
}

function start(env: (baseUrl: string) => Record<string, string>) {
  return async () => {
    await build()
    const port = await freePort()
    const baseUrl = `http://127.0.0.1:${port}`
    const clean = Object.fromEntries(Object.entries(process.env).filter(([k]) => !k.startsWith('AUTH_') && k !== 'ORIGIN'))
    const child = spawn(process.execPath, ['build/index.js'], {
      cwd: example,
      env: { ...clean, NODE_ENV: 'production', HOST: '127.0.0.1', PORT: String(port), AUTH_SECRET: secret, ...env(baseUrl) },
      stdio: ['ignore', 'pipe', 'pipe'],
    })
    let output = ''
    child.stdout!.on('data', (d) => (output += d))
    child.stderr!.on('data', (d) => (output += d))
    const deadline = Date.now() + 30_000
    for (;;) {
      if (child.exitCode !== null) throw new Error(`server exited with ${child.exitCode}:\n${output}`)
      try {
        await (await fetch(`${baseUrl}/auth/csrf`)).text()
        break
      } catch {
        if (Date.now() > deadline) throw new Error(`server did not start:\n${output}`)
        await new Promise((r) => setTimeout(r, 100))
      }
    }
    return {
      baseUrl,
      async close() {
        const exited = new Promise((resolve) => child.once('exit', resolve))
        child.kill('SIGTERM')
        await exited
      },
    }
  }
}

/**
 * A reverse proxy in front of the server, as in production: it sets X-Forwarded-Host/Proto (keeping
 * values a client sent, like a proxy behind another proxy) so that the adapter can be told to trust them.
 */
async function withProxy(start: () => Promise<{ baseUrl: string; close(): Promise<void> }>) {
  const upstream = await start()
  const target = new URL(upstream.baseUrl)
  const proxy = createHttpServer((req, res) => {
    const headers = { ...req.headers }
    headers['x-forwarded-host'] ??= req.headers.host
    headers['x-forwarded-proto'] ??= 'http'
    const forward = httpRequest({ host: target.hostname, port: target.port, method: req.method, path: req.url, headers }, (up) => {
      res.writeHead(up.statusCode ?? 502, up.rawHeaders)
      up.pipe(res)
    })
    forward.on('error', () => res.writeHead(502).end())
    req.pipe(forward)
  })
  await new Promise<void>((resolve) => proxy.listen(0, '127.0.0.1', resolve))
  return {
    baseUrl: `http://127.0.0.1:${(proxy.address() as AddressInfo).port}`,
    async close() {
      await new Promise<void>((resolve) => {
        proxy.close(() => resolve())
        proxy.closeAllConnections()
      })
      await upstream.close()
    },
  }
}

const common = {
  basePath: '/auth',
  protectedPage: '/protected',
  protectedApi: '/api/me',
  credentials: { username: 'alice', password: 'wonderland' },
}

// ORIGIN fixes event.url; AUTH_TRUST_HOST lets the core use it, forwarded headers are dropped.
defineIntegrationSuite({
  ...common,
  name: 'sveltekit (adapter-node, ORIGIN)',
  start: start((baseUrl) => ({ ORIGIN: baseUrl, AUTH_TRUST_HOST: 'true' })),
})

// The adapter is told to trust the proxy's headers: event.url follows them, and so does the core.
defineIntegrationSuite({
  ...common,
  name: 'sveltekit (adapter-node, HOST_HEADER/PROTOCOL_HEADER)',
  start: () => withProxy(start(() => ({ HOST_HEADER: 'x-forwarded-host', PROTOCOL_HEADER: 'x-forwarded-proto', AUTH_TRUST_HOST: 'true' }))),
  trustsForwardedHeaders: true,
})
