import { Auth } from '../../src/index.js'
import type { AuthConfig } from '../../src/index.js'
import { settleBackground } from './background.js'

/** Apply a response's Set-Cookie headers to a jar, deleting cookies that expire (Max-Age ≤ 0 or a past Expires). */
export function absorbSetCookies(jar: Map<string, string>, res: Response): void {
  for (const line of res.headers.getSetCookie()) {
    const [pair, ...attrs] = line.split(';')
    const eq = pair!.indexOf('=')
    const name = pair!.slice(0, eq).trim()
    const value = pair!.slice(eq + 1).trim()
    const maxAge = attrs.map((a) => a.trim()).find((a) => /^max-age=/i.test(a))
    const expires = attrs.map((a) => a.trim()).find((a) => /^expires=/i.test(a))
    const expired = (maxAge && Number(maxAge.split('=')[1]) <= 0) || (expires && new Date(expires.slice(8)).getTime() < Date.now())
    if (expired) jar.delete(name)
    else jar.set(name, value)
  }
}

/** A tiny browser: a cookie jar that follows Set-Cookie (incl. deletion) across Auth() calls. */
export class Browser {
  jar = new Map<string, string>()
  constructor(
    readonly config: AuthConfig,
    readonly origin = 'http://app.test',
  ) {}

  cookieHeader(): string {
    return [...this.jar].map(([k, v]) => `${k}=${v}`).join('; ')
  }

  absorb(res: Response) {
    absorbSetCookies(this.jar, res)
  }

  async fetch(path: string, init: RequestInit & { form?: Record<string, string>; json?: unknown } = {}): Promise<Response> {
    const headers = new Headers(init.headers)
    if (this.jar.size && !headers.has('cookie')) headers.set('cookie', this.cookieHeader())
    let body = init.body
    if (init.form) {
      body = new URLSearchParams(init.form).toString()
      headers.set('content-type', 'application/x-www-form-urlencoded')
    } else if (init.json !== undefined) {
      body = JSON.stringify(init.json)
      headers.set('content-type', 'application/json')
    }
    const url = new URL(/^https?:/.test(path) ? path : this.origin + path)
    const res = await Auth(new Request(url, { ...init, headers, body, method: init.method ?? (init.form || init.json !== undefined || body ? 'POST' : 'GET') }), this.config)
    this.absorb(res)
    await settleBackground(this.config.waitUntil)
    return res
  }

  async csrf(): Promise<string> {
    const res = await this.fetch('/auth/csrf')
    return ((await res.json()) as { csrfToken: string }).csrfToken
  }

  async session(): Promise<any> {
    return (await this.fetch('/auth/session')).json()
  }

  async signInWithCredentials(fields: Record<string, string>, callbackUrl?: string): Promise<Response> {
    const csrfToken = await this.csrf()
    return this.fetch('/auth/callback/credentials', { form: { csrfToken, ...fields, ...(callbackUrl ? { callbackUrl } : {}) } })
  }
}

export const SECRET = 'test-secret-please-change-0123456789abcdef'

let apps = 0
/**
 * A secret no other test app shares. The default in-memory rate limiter counts per app (secret + base path),
 * so tests that sign in the same identifier many times, each with its own config, use one of these.
 */
export const appSecret = () => `${SECRET}:${++apps}`
