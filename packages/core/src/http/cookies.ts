import type { CookieOption } from './cookie-names.js'

/** A cookie to set (or clear, with maxAge 0) on the response. */
export interface Cookie {
  name: string
  value: string
  options: CookieOption['options']
}

const MAX_COOKIES = 200

/** Parse a Cookie header. Malformed pairs are skipped; never throws. */
export function parseCookies(header: string | null): Map<string, string> {
  const out = new Map<string, string>()
  if (!header) return out
  let count = 0
  for (const part of header.split(';')) {
    if (++count > MAX_COOKIES) break
    const eq = part.indexOf('=')
    if (eq < 0) continue
    const name = part.slice(0, eq).trim()
    if (!name || out.has(name)) continue
    let value = part.slice(eq + 1).trim()
    if (value.startsWith('"') && value.endsWith('"') && value.length >= 2) value = value.slice(1, -1)
    try {
      value = value.includes('%') ? decodeURIComponent(value) : value
    } catch {
      // keep the raw value: an undecodable cookie simply fails later validation
    }
    out.set(name, value)
  }
  return out
}

const NAME_RE = /^[!#$%&'*+\-.^_`|~0-9A-Za-z]+$/

export function serializeCookie(cookie: Cookie): string {
  const { name, value, options: o } = cookie
  if (!NAME_RE.test(name)) throw new TypeError(`Invalid cookie name: ${name}`)
  let out = `${name}=${encodeURIComponent(value)}`
  if (o.maxAge !== undefined) {
    out += `; Max-Age=${Math.floor(o.maxAge)}`
    const expires = o.maxAge <= 0 ? new Date(0) : new Date(Date.now() + o.maxAge * 1000)
    out += `; Expires=${expires.toUTCString()}`
  } else if (o.expires) {
    out += `; Expires=${o.expires.toUTCString()}`
  }
  if (o.domain) out += `; Domain=${o.domain}`
  out += `; Path=${o.path ?? '/'}`
  if (o.httpOnly) out += '; HttpOnly'
  if (o.secure) out += '; Secure'
  if (o.sameSite) out += `; SameSite=${o.sameSite[0]!.toUpperCase()}${o.sameSite.slice(1)}`
  if (o.partitioned) out += '; Partitioned'
  return out
}

/** A cookie that deletes `name` in the browser. */
export function expireCookie(name: string, options: CookieOption['options']): Cookie {
  return { name, value: '', options: { ...options, maxAge: 0, expires: undefined } }
}
