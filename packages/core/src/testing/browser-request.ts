import type { CookieJar } from './cookie-jar.js'

/** What the shared suites send: a fetch init plus the jar whose cookies go out, and a form to encode. */
export type BrowserInit = RequestInit & { jar?: CookieJar; form?: Record<string, string> }

/**
 * The request init a browser would send: the jar's cookies, a urlencoded form, and `Origin` on every non-GET
 * (browsers send it; frameworks such as SvelteKit check it). Redirects are never followed.
 */
export function browserInit(origin: string, init: BrowserInit = {}): RequestInit {
  const headers = new Headers(init.headers)
  if (init.jar?.cookies.size) headers.set('cookie', init.jar.header())
  let body = init.body
  if (init.form) {
    body = new URLSearchParams(init.form).toString()
    headers.set('content-type', 'application/x-www-form-urlencoded')
  }
  if ((init.method ?? 'GET') !== 'GET' && !headers.has('origin')) headers.set('origin', origin)
  const { jar: _jar, form: _form, ...rest } = init
  return { ...rest, headers, body, redirect: 'manual' }
}
