import type { ResponseInternal } from '../context.js'
import { serializeCookie } from './cookies.js'
import { hardenHeaders } from './harden.js'

/**
 * Turn an action's result into a Web Response, one Set-Cookie header per cookie, hardened (http/harden.ts).
 * The headers are gathered in a plain Map (lower-case names) and handed to the Response once: building a
 * `Headers` object first and letting the Response copy it cost a second validation of every header.
 */
export function toResponse(res: ResponseInternal): Response {
  const headers = new Map<string, string>()
  for (const name in res.headers) {
    const key = name.toLowerCase()
    const prev = headers.get(key)
    const value = res.headers[name]!
    headers.set(key, prev === undefined ? value : `${prev}, ${value}`)
  }
  const cookies = res.cookies?.length ? res.cookies.map(serializeCookie) : undefined
  hardenHeaders(
    { get: (name) => headers.get(name.toLowerCase()) ?? null, set: (name, value) => void headers.set(name.toLowerCase(), value) },
    { produced: true, cookies: cookies !== undefined },
  )
  let body: string | null = null
  if (typeof res.body === 'string') {
    body = res.body
  } else if (res.body !== undefined) {
    body = res.body === null ? 'null' : JSON.stringify(res.body)
    if (!headers.has('content-type')) headers.set('content-type', 'application/json')
  }
  let status = res.status ?? 200
  if (res.redirect) {
    headers.set('location', res.redirect)
    if (!(status >= 300 && status < 400)) status = 302
  }
  const init: [string, string][] = [...headers]
  if (cookies) for (const c of cookies) init.push(['set-cookie', c])
  return new Response(body, { status, headers: init })
}

/** A JSON result: `Content-Type: application/json` plus any `extra` headers and cookies. */
export function json(body: unknown, status = 200, extra?: Partial<ResponseInternal>): ResponseInternal {
  return { status, body, ...extra, headers: { 'Content-Type': 'application/json', ...extra?.headers } }
}

export const NO_STORE = { 'Cache-Control': 'private, no-cache, no-store' }
