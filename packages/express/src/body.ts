import type { Request as ExpressRequest } from 'express'
import { Readable } from 'node:stream'

/** Whether something (express.json(), express.urlencoded(), ...) already read the request stream. */
function consumed(req: ExpressRequest): boolean {
  return req.readableEnded || req.readableDidRead || req.complete && !req.readable
}

function formEncode(value: Record<string, unknown>): string {
  const params = new URLSearchParams()
  for (const [key, v] of Object.entries(value)) {
    if (typeof v === 'string') params.append(key, v)
    else if (Array.isArray(v)) for (const item of v) if (typeof item === 'string') params.append(key, item)
  }
  return params.toString()
}

/**
 * The body for the Web Request: the live stream when nobody read it (no copy, no parse here), otherwise
 * the value a body parser left on `req.body`, encoded back once in the request's content type.
 */
export function requestBody(req: ExpressRequest, headers: Headers): BodyInit | null {
  if (!consumed(req)) {
    return Readable.toWeb(req) as unknown as ReadableStream<Uint8Array>
  }
  const parsed: unknown = req.body
  headers.delete('content-length')
  headers.delete('transfer-encoding')
  if (parsed === undefined || parsed === null) return null
  if (typeof parsed === 'string') return parsed
  if (parsed instanceof Uint8Array) return parsed as Uint8Array<ArrayBuffer>
  const type = (headers.get('content-type') ?? '').toLowerCase()
  if (type.includes('json') || typeof parsed !== 'object') {
    headers.set('content-type', 'application/json')
    return JSON.stringify(parsed)
  }
  headers.set('content-type', 'application/x-www-form-urlencoded')
  return formEncode(parsed as Record<string, unknown>)
}
