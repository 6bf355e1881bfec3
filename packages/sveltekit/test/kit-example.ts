// The SvelteKit example built with adapter-node (once per test file) and served by `node build/index.js` on
// 127.0.0.1, with the environment a test gives it; a reverse proxy in front; the mails of its password provider.
import { execFile } from 'node:child_process'
import { request as httpRequest, createServer as createHttpServer } from 'node:http'
import type { AddressInfo } from 'node:net'
import { fileURLToPath } from 'node:url'
import { existsSync } from 'node:fs'
import { readFile } from 'node:fs/promises'
import { promisify } from 'node:util'
import { appClient, startDevOidc } from '@latch/dev-oidc'
import { freePort, spawnServer } from '@latch/dev-oidc/testing'

const example = fileURLToPath(new URL('../../../examples/sveltekit/', import.meta.url))
export const secret = 'sveltekit-integration-test-secret-0123456789abcdef'

let built: Promise<unknown> | undefined
/** Build once for every suite in this file (against the workspace sources). */
export function build() {
  built ??= promisify(execFile)('pnpm', ['exec', 'vite', 'build'], {
    cwd: example,
    env: { ...process.env, LATCH_SOURCE: '1', NODE_ENV: 'production' },
    maxBuffer: 32 * 1024 * 1024,
  })
  return built
}

export function start(env: (baseUrl: string) => Record<string, string>, withOidc = false) {
  return async () => {
    await build()
    const port = await freePort()
    const baseUrl = `http://127.0.0.1:${port}`
    const client = { clientId: 'kit-test', clientSecret: 'kit-test-secret' }
    const oidc = withOidc ? await startDevOidc({ clients: [appClient(baseUrl, client)] }) : undefined
    const oidcEnv: Record<string, string> = oidc
      ? { AUTH_DEV_OIDC_ISSUER: oidc.issuer, AUTH_DEV_OIDC_ID: client.clientId, AUTH_DEV_OIDC_SECRET: client.clientSecret }
      : {}
    const clean = Object.fromEntries(Object.entries(process.env).filter(([k]) => !k.startsWith('AUTH_') && k !== 'ORIGIN'))
    const server = await spawnServer('server', process.execPath, ['build/index.js'], {
      cwd: example,
      env: { ...clean, NODE_ENV: 'production', HOST: '127.0.0.1', PORT: String(port), AUTH_SECRET: secret, ...oidcEnv, ...env(baseUrl) },
      readyUrl: `${baseUrl}/auth/csrf`,
    })
    return {
      baseUrl,
      async close() {
        await server.close()
        await oidc?.close()
      },
    }
  }
}

/**
 * A reverse proxy in front of the server, as in production: it sets X-Forwarded-Host/Proto (keeping
 * values a client sent, like a proxy behind another proxy) so that the adapter can be told to trust them.
 */
export async function withProxy(start: () => Promise<{ baseUrl: string; close(): Promise<void> }>) {
  const upstream = await start()
  const target = new URL(upstream.baseUrl)
  const proxy = createHttpServer((req, res) => {
    const headers = { ...req.headers }
    headers['x-forwarded-host'] ??= req.headers.host
    headers['x-forwarded-proto'] ??= 'http'
    // The client's address, appended as proxies do (ADDRESS_HEADER reads the last entry): per-client rate limits.
    headers['x-forwarded-for'] = [req.headers['x-forwarded-for'], req.socket.remoteAddress].filter(Boolean).join(', ')
    // agent: false: no pooled upstream connection that an earlier (oversized) request left half-closed.
    const forward = httpRequest({ host: target.hostname, port: target.port, method: req.method, path: req.url, headers, agent: false }, (up) => {
      res.writeHead(up.statusCode ?? 502, up.rawHeaders)
      up.pipe(res)
    })
    // An upstream that resets mid-answer (after the head went out) can only be passed on as a cut connection.
    forward.on('error', () => (res.headersSent ? res.destroy() : res.writeHead(502).end()))
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

/** The mails the example's password provider appended to `mailbox` (PASSWORD_MAILBOX), one JSON line each. */
export function readMailbox(mailbox: string) {
  return async () => (existsSync(mailbox) ? (await readFile(mailbox, 'utf8')).split('\n').filter(Boolean).map((line) => JSON.parse(line)) : [])
}
