// Node-only helpers for the tests of the framework packages: free ports, an app served in-process next to
// the dev provider, a fetch handler as a Node listener, server processes waited for until they answer (one at a
// time or several together).
import { spawn } from 'node:child_process'
import { createServer, request as httpRequest } from 'node:http'
import { createServer as createNetServer } from 'node:net'
import { appClient, startDevOidc } from './index.mjs'

/** A port that was free on 127.0.0.1 a moment ago. */
export async function freePort() {
  const srv = createNetServer()
  await new Promise((resolve) => srv.listen(0, '127.0.0.1', resolve))
  const { port } = srv.address()
  await new Promise((resolve) => srv.close(() => resolve()))
  return port
}

/**
 * Serve an app in-process on a free 127.0.0.1 port, with a dev provider that has `client` for it (appClient).
 * `app(baseUrl, oidc)` returns the request listener once the app's URL and the provider's issuer are known.
 * `basePath` is where the app serves its auth routes (default `/auth`).
 */
export async function serveWithDevOidc(client, app, basePath) {
  let listener
  const server = createServer((req, res) => listener(req, res))
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve))
  const baseUrl = `http://127.0.0.1:${server.address().port}`
  const oidc = await startDevOidc({ clients: [appClient(baseUrl, client, basePath)] })
  listener = await app(baseUrl, { issuer: oidc.issuer, ...client })
  return {
    baseUrl,
    close: async () => {
      await new Promise((resolve) => {
        server.close(() => resolve())
        server.closeAllConnections()
      })
      await oidc.close()
    },
  }
}

/**
 * A Node request listener for a fetch-style handler (`Request` in, `Response` out), as the framework packages' tests
 * serve their handlers: the request with its body and headers, the response with every Set-Cookie header, plus the
 * `cookies` the handler returns (e.g. what a SvelteKit event's `cookies.set` collected). `handler(request, req)` gets
 * the Node request too (client address).
 */
export function fetchListener(baseUrl, handler) {
  return async (req, res) => {
    const headers = new Headers()
    for (const [k, v] of Object.entries(req.headers)) if (typeof v === 'string') headers.set(k, v)
    let body
    if (req.method !== 'GET' && req.method !== 'HEAD') {
      const chunks = []
      for await (const chunk of req) chunks.push(chunk)
      body = new Uint8Array(Buffer.concat(chunks))
    }
    const request = new Request(new URL(req.url ?? '/', baseUrl), { method: req.method, headers, body })
    const { response, cookies = [] } = await handler(request, req)
    res.statusCode = response.status
    for (const [k, v] of response.headers) if (k !== 'set-cookie') res.setHeader(k, v)
    res.setHeader('set-cookie', [...response.headers.getSetCookie(), ...cookies])
    res.end(Buffer.from(await response.arrayBuffer()))
  }
}

/**
 * Several test servers for suites that share them: `starters` all run together (in parallel) the first time any
 * server is asked for. `get(i)` gives server `i` with a `close()` that leaves it running (several suites use it);
 * `close()` ends every server that started (call it from the file's afterAll).
 */
export function startTogether(starters) {
  let started
  const all = () => (started ??= Promise.allSettled(starters.map((start) => start())))
  return {
    async get(i) {
      const result = (await all())[i]
      if (result.status === 'rejected') throw result.reason
      return { baseUrl: result.value.baseUrl, close: async () => {} }
    },
    async close() {
      if (!started) return
      await Promise.all((await started).map((r) => (r.status === 'fulfilled' ? r.value.close() : undefined)))
    },
  }
}

/**
 * Spawn a server process (output collected) and poll `readyUrl` every 100 ms until it answers. Throws with the
 * output when the process exits first or does not answer within 30 s. `close()` sends SIGTERM and waits for the exit.
 */
export async function spawnServer(name, command, args, { cwd, env, readyUrl }) {
  const child = spawn(command, args, { cwd, env, stdio: ['ignore', 'pipe', 'pipe'] })
  let output = ''
  child.stdout.on('data', (d) => (output += d))
  child.stderr.on('data', (d) => (output += d))
  const deadline = Date.now() + 30_000
  for (;;) {
    if (child.exitCode !== null) throw new Error(`${name} exited with ${child.exitCode}:\n${output}`)
    try {
      await (await fetch(readyUrl)).text()
      break
    } catch {
      if (Date.now() > deadline) throw new Error(`${name} did not answer on ${readyUrl}:\n${output}`)
      await new Promise((r) => setTimeout(r, 100))
    }
  }
  return {
    async close() {
      const exited = new Promise((resolve) => child.once('exit', resolve))
      child.kill('SIGTERM')
      await exited
    },
  }
}

/**
 * A `fetch` for HTTP tests against 127.0.0.1 that connects from another loopback address per `client`
 * (127.77.x.y), so that per-address limits (the sign-in rate limit) see distinct clients, and that sends the
 * request target exactly as written (`//evil.com/%2e%2e` is not normalised as `fetch` would). Plain http only;
 * method, headers, a string or URLSearchParams body; redirects are never followed.
 */
export function loopbackFetch(client = 0) {
  const localAddress = `127.77.${(client >> 8) & 255}.${(client % 250) + 2}`
  return (input, init = {}) =>
    new Promise((resolve, reject) => {
      const text = typeof input === 'string' ? input : String(input.url ?? input)
      const m = /^http:\/\/([^/?#]+)(.*)$/s.exec(text)
      if (!m) return reject(new TypeError(`loopbackFetch: not an http URL: ${text}`))
      const [hostname, port] = m[1].split(':')
      const headers = {}
      for (const [k, v] of new Headers(init.headers)) headers[k] = v
      headers.host = m[1]
      const body = init.body === undefined || init.body === null ? undefined : String(init.body)
      if (body !== undefined) headers['content-length'] = String(Buffer.byteLength(body))
      const req = httpRequest({ host: hostname, port: Number(port || 80), localAddress, method: init.method ?? 'GET', path: m[2] || '/', headers }, (res) => {
        const chunks = []
        res.on('data', (c) => chunks.push(c))
        res.on('error', reject)
        res.on('end', () => {
          const out = new Headers()
          for (let i = 0; i < res.rawHeaders.length; i += 2) {
            try {
              out.append(res.rawHeaders[i], res.rawHeaders[i + 1])
            } catch {
              // a value Headers refuses: leave it out
            }
          }
          const status = res.statusCode ?? 502
          const payload = [101, 204, 205, 304].includes(status) ? null : Buffer.concat(chunks)
          resolve(new Response(payload, { status, headers: out }))
        })
      })
      req.on('error', reject)
      req.end(body)
    })
}
