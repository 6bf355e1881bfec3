import type { CookieOption } from './cookie-names.js'
import { expireCookie, type Cookie } from './cookies.js'

/** Browsers cap a cookie at 4096 bytes including attributes; leave room for them. */
export const CHUNK_SIZE = 4096 - 160
/** Never read more chunks than this (a cookie jar of garbage must stay cheap). */
export const MAX_CHUNKS = 32

/** Names present in the jar that belong to the chunked cookie `name` (`name`, `name.0`, `name.1`, ...). */
function chunkIndex(cookieName: string, name: string): number | null {
  if (!cookieName.startsWith(name + '.')) return null
  const suffix = cookieName.slice(name.length + 1)
  if (!/^(0|[1-9][0-9]?)$/.test(suffix)) return null
  return Number(suffix)
}

/**
 * Read a possibly chunked cookie. An unchunked cookie wins; otherwise `.0 .. .N` must be contiguous,
 * or the value is treated as absent.
 */
export function readChunked(jar: Map<string, string>, name: string): string | undefined {
  const whole = jar.get(name)
  if (whole !== undefined) return whole
  const parts: string[] = []
  for (let i = 0; i < MAX_CHUNKS; i++) {
    const v = jar.get(`${name}.${i}`)
    if (v === undefined) break
    parts.push(v)
  }
  return parts.length ? parts.join('') : undefined
}

/** Cookies that expire every piece of `name` present in the jar. */
export function clearChunked(jar: Map<string, string>, name: string, options: CookieOption['options']): Cookie[] {
  const out: Cookie[] = []
  for (const key of jar.keys()) {
    if (key === name || chunkIndex(key, name) !== null) out.push(expireCookie(key, options))
  }
  return out
}

/**
 * Cookies that store `value` under `name`, chunked when too large, and expire any stale pieces
 * (an old unchunked cookie, or chunks beyond the new count).
 */
export function writeChunked(
  jar: Map<string, string>,
  name: string,
  value: string,
  options: CookieOption['options'],
): Cookie[] {
  const size = name.length + value.length
  const out: Cookie[] = []
  if (size <= CHUNK_SIZE) {
    out.push({ name, value, options })
    for (const key of jar.keys()) if (chunkIndex(key, name) !== null) out.push(expireCookie(key, options))
    return out
  }
  const step = CHUNK_SIZE - name.length - 3
  const count = Math.ceil(value.length / step)
  for (let i = 0; i < count; i++) out.push({ name: `${name}.${i}`, value: value.slice(i * step, (i + 1) * step), options })
  if (jar.has(name)) out.push(expireCookie(name, options))
  for (const key of jar.keys()) {
    const idx = chunkIndex(key, name)
    if (idx !== null && idx >= count) out.push(expireCookie(key, options))
  }
  return out
}
