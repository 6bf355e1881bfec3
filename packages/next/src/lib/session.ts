import { Auth, asSession, checkSession, type Cookie, type ResponseInternal, type Session, type SessionCheck } from '@latch/core'
import type { Prepared } from './config.js'

type HeaderSource = Headers | Record<string, string | string[] | undefined>

const FORWARDED = ['cookie', 'x-forwarded-host', 'x-forwarded-proto', 'user-agent', 'host']

function get(headers: HeaderSource, name: string): string | undefined {
  if (typeof (headers as Headers).get === 'function') return (headers as Headers).get(name) ?? undefined
  const v = (headers as Record<string, string | string[] | undefined>)[name]
  return Array.isArray(v) ? v.join(name === 'cookie' ? '; ' : ', ') : v
}

/**
 * The origin to build internal auth URLs on: AUTH_URL when set (the core then ignores the headers), else the
 * Host of the request, else the given fallback. The core still decides whether Host may be trusted.
 */
export function originFor(p: Prepared, headers: HeaderSource, fallback?: string): string {
  if (p.origin) return p.origin
  const host = get(headers, 'host')
  if (host && /^[A-Za-z0-9.:[\]-]+$/.test(host)) {
    const proto = fallback?.startsWith('https:') ? 'https' : 'http'
    return `${proto}://${host}`
  }
  return fallback ?? 'http://localhost'
}

/** A GET/POST to one of the auth routes, carrying the caller's cookies and forwarding headers. */
export function internalRequest(
  p: Prepared,
  headers: HeaderSource,
  path: string,
  init: { method?: string; body?: URLSearchParams | string; contentType?: string; origin?: string } = {},
): Request {
  const h = new Headers()
  for (const name of FORWARDED) {
    const v = get(headers, name)
    if (v !== undefined && name !== 'host') h.set(name, v)
  }
  if (init.contentType) h.set('content-type', init.contentType)
  const origin = init.origin ?? originFor(p, headers)
  return new Request(`${origin}${p.basePath}${path}`, { method: init.method ?? 'GET', headers: h, body: init.body ?? null })
}

/** The session of a request, fail-closed, with the Set-Cookie values that keep it sliding (core's checkSession). */
export function sessionOf(p: Prepared, headers: HeaderSource, origin?: string): Promise<SessionCheck> {
  return checkSession(internalRequest(p, headers, '/session', { origin }), p.config)
}

/** Fail-closed session from a raw (ResponseInternal) /session answer. */
export function sessionFromRaw(res: ResponseInternal): Session | null {
  if ((res.status ?? 200) !== 200 || res.redirect) return null
  const type = Object.entries(res.headers ?? {}).find(([k]) => k.toLowerCase() === 'content-type')?.[1] ?? ''
  if (!type.includes('application/json')) return null
  return asSession(res.body)
}

/** The session and the core's cookies, for contexts that set cookies through `cookies()`. */
export async function rawSessionOf(p: Prepared, headers: HeaderSource): Promise<{ session: Session | null; cookies: Cookie[] }> {
  try {
    const res = await Auth(internalRequest(p, headers, '/session'), p.action)
    return { session: sessionFromRaw(res), cookies: res.cookies ?? [] }
  } catch {
    return { session: null, cookies: [] }
  }
}
