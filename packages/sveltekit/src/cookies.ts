import type { KitCookieOptions, KitRequestEvent } from './kit-types.js'

/**
 * Copy Set-Cookie header values (a core Response's `headers.getSetCookie()`) onto `event.cookies`, for places
 * (form actions, loads) that cannot return the Response itself. Each header is parsed alone; values are
 * stored decoded and re-encoded by SvelteKit.
 */
export function applySetCookies(event: KitRequestEvent, setCookies: string[]): void {
  for (const line of setCookies) {
    const [pair = '', ...attributes] = line.split(';')
    const eq = pair.indexOf('=')
    if (eq <= 0) continue
    const name = pair.slice(0, eq).trim()
    let value = pair.slice(eq + 1).trim()
    try {
      value = decodeURIComponent(value)
    } catch {
      continue
    }
    const options: KitCookieOptions = { path: '/', httpOnly: false, secure: false }
    for (const attribute of attributes) {
      const i = attribute.indexOf('=')
      const key = (i < 0 ? attribute : attribute.slice(0, i)).trim().toLowerCase()
      const v = i < 0 ? '' : attribute.slice(i + 1).trim()
      if (key === 'path') options.path = v || '/'
      else if (key === 'domain') options.domain = v
      else if (key === 'max-age') options.maxAge = Number(v)
      else if (key === 'expires' && !Number.isNaN(Date.parse(v))) options.expires = new Date(v)
      else if (key === 'httponly') options.httpOnly = true
      else if (key === 'secure') options.secure = true
      else if (key === 'samesite') options.sameSite = v.toLowerCase() as 'lax' | 'strict' | 'none'
      else if (key === 'partitioned') options.partitioned = true
    }
    // Max-Age wins over Expires (RFC 6265); giving both to SvelteKit would be redundant.
    if (options.maxAge !== undefined) delete options.expires
    event.cookies.set(name, value, options)
  }
}
