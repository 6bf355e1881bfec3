import { Auth, setClientAddress } from '@latch/core'
import type { Prepared } from './config.js'
import type { NodeRequestLike } from './auth.js'

export interface NodeApiRequest extends NodeRequestLike {
  method?: string
  url?: string
  /** Parsed by Next's API routes (object), or a raw string when bodyParser is off. */
  body?: unknown
  socket?: { remoteAddress?: string }
}

export interface NodeApiResponse {
  statusCode: number
  setHeader(name: string, value: number | string | readonly string[]): unknown
  end(body?: string): unknown
}

/** Serve the auth routes from a pages-router API route (`pages/api/auth/[...nextauth].ts`), v4 style. */
export async function handlePagesRequest(p: Prepared, req: NodeApiRequest, res: NodeApiResponse): Promise<void> {
  const host = [req.headers.host].flat()[0] ?? 'localhost'
  const url = new URL(req.url ?? '/', p.origin ?? `http://${host}`)
  const h = new Headers()
  for (const [k, v] of Object.entries(req.headers)) {
    if (v === undefined || k === 'content-length') continue
    for (const one of [v].flat()) h.append(k, one)
  }
  const method = (req.method ?? 'GET').toUpperCase()
  let body: string | undefined
  if (method === 'POST') {
    if (typeof req.body === 'string') body = req.body
    else if (req.body && typeof req.body === 'object') {
      body = JSON.stringify(req.body) // already parsed by Next: hand it to the core as JSON
      h.set('content-type', 'application/json')
    }
  }
  // The socket address feeds the per-IP sign-in rate limit (the app router gives route handlers none:
  // there the core uses the last X-Forwarded-For entry when trustHost is on).
  const request = setClientAddress(new Request(url, { method, headers: h, body }), req.socket?.remoteAddress)
  const response = await Auth(request, p.config)
  res.statusCode = response.status
  for (const [k, v] of response.headers) if (k !== 'set-cookie') res.setHeader(k, v)
  const cookies = response.headers.getSetCookie()
  if (cookies.length) res.setHeader('set-cookie', cookies)
  res.end(await response.text())
}
