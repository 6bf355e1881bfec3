import type { ResponseInternal } from '../context.js'
import { serializeCookie } from './cookies.js'
import { hardenHeaders } from './harden.js'

/** Turn an action's result into a Web Response, one Set-Cookie header per cookie, hardened (http/harden.ts). */
export function toResponse(res: ResponseInternal): Response {
  const headers = new Headers(res.headers)
  for (const cookie of res.cookies ?? []) headers.append('Set-Cookie', serializeCookie(cookie))
  hardenHeaders(headers, { produced: true, cookies: Boolean(res.cookies?.length) })
  let body: BodyInit | null = null
  if (res.body !== undefined && res.body !== null && typeof res.body !== 'string') {
    body = JSON.stringify(res.body)
    if (!headers.has('content-type')) headers.set('Content-Type', 'application/json')
  } else if (typeof res.body === 'string') {
    body = res.body
  } else if (res.body === null) {
    body = 'null'
    if (!headers.has('content-type')) headers.set('Content-Type', 'application/json')
  }
  if (res.redirect) {
    headers.set('Location', res.redirect)
    return new Response(body, { status: res.status && res.status >= 300 && res.status < 400 ? res.status : 302, headers })
  }
  return new Response(body, { status: res.status ?? 200, headers })
}

/** A JSON result: `Content-Type: application/json` plus any `extra` headers and cookies. */
export function json(body: unknown, status = 200, extra?: Partial<ResponseInternal>): ResponseInternal {
  return { status, body, ...extra, headers: { 'Content-Type': 'application/json', ...extra?.headers } }
}

export const NO_STORE = { 'Cache-Control': 'private, no-cache, no-store' }
