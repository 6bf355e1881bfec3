import { Agent, createServer, request as httpRequest, type IncomingMessage, type ServerResponse } from 'node:http'
import type { AddressInfo, Socket } from 'node:net'

export interface Upstream {
  name: string
  port: number
}

/**
 * A round-robin HTTP proxy on 127.0.0.1, as a load balancer in front of the instances: request i goes to upstream
 * i mod n. Like a load balancer's health check, an upstream that refuses the connection (a dead process) is skipped
 * for the next one, and like nginx a GET that failed on a reused keep-alive connection (closed by the upstream's idle
 * timeout as it was sent) is retried on the next; nothing else is retried (the request may have reached the app), and
 * every failure is recorded in `failures`.
 */
export interface Proxy {
  url: string
  port: number
  upstreams: Upstream[]
  /** Answers by upstream name, since the last reset. */
  served: Map<string, number>
  /** Upstream errors: what failed, whether the connection was a reused keep-alive one, and whether it was retried. */
  failures: { upstream: string; code: string; reused: boolean; method: string; path: string; retried: boolean }[]
  close(): Promise<void>
}

export async function startProxy(): Promise<Proxy> {
  const agent = new Agent({ keepAlive: true, maxSockets: 64 })
  const sockets = new Set<Socket>()
  let next = 0
  const proxy: Proxy = {
    url: '',
    port: 0,
    upstreams: [],
    served: new Map(),
    failures: [],
    close: () =>
      new Promise<void>((resolve) => {
        for (const s of sockets) s.destroy()
        agent.destroy()
        server.close(() => resolve())
      }),
  }

  function forward(req: IncomingMessage, res: ServerResponse, body: Buffer, attempt: number) {
    const list = proxy.upstreams
    if (!list.length || attempt >= list.length) return void res.writeHead(502).end('no upstream')
    const up = list[next++ % list.length]!
    const out = httpRequest({ host: '127.0.0.1', port: up.port, method: req.method, path: req.url, headers: req.headers, agent }, (r) => {
      proxy.served.set(up.name, (proxy.served.get(up.name) ?? 0) + 1)
      res.writeHead(r.statusCode ?? 502, r.rawHeaders)
      r.pipe(res)
      r.on('error', () => res.destroy())
    })
    out.on('error', (e: NodeJS.ErrnoException) => {
      const idempotent = req.method === 'GET' || req.method === 'HEAD'
      const retry = !res.headersSent && (e.code === 'ECONNREFUSED' || (idempotent && out.reusedSocket && e.code === 'ECONNRESET'))
      proxy.failures.push({ upstream: up.name, code: e.code ?? e.message, reused: out.reusedSocket, method: req.method ?? '', path: req.url ?? '', retried: retry })
      if (retry) return forward(req, res, body, attempt + 1)
      if (!res.headersSent) res.writeHead(502).end(`upstream ${up.name}: ${e.code ?? e.message}`)
      else res.destroy()
    })
    out.end(body)
  }

  const server = createServer(async (req, res) => {
    const chunks: Buffer[] = []
    for await (const c of req) chunks.push(c as Buffer)
    forward(req, res, Buffer.concat(chunks), 0)
  })
  server.on('connection', (s) => {
    sockets.add(s)
    s.on('close', () => sockets.delete(s))
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  proxy.port = (server.address() as AddressInfo).port
  proxy.url = `http://127.0.0.1:${proxy.port}`
  return proxy
}
