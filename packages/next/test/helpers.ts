import Credentials from '@latch/core/providers/credentials'
import { CookieJar } from '@latch/core/testing'
import type { NextAuthConfig } from '../src/index.js'

export const SECRET = 'unit-test-secret-0123456789abcdef0123456789'
export const ORIGIN = 'http://app.test'

export function testConfig(extra: Partial<NextAuthConfig> = {}): NextAuthConfig {
  return {
    secret: SECRET,
    url: ORIGIN,
    providers: [
      Credentials({
        credentials: { username: {}, password: {} },
        authorize: (c) => (c.username === 'ada' && c.password === 'pw' ? { id: '1', name: 'Ada', email: 'ada@example.com' } : null),
      }),
    ],
    ...extra,
  }
}

/** Route handlers are typed for NextRequest; these tests drive them with plain Web Requests, which is all they read. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Handler = (req: any) => Promise<Response>

/** Sign in through the route handlers (CSRF, credentials callback) and return the jar with the session cookie. */
export async function signInJar(handlers: { GET: Handler; POST: Handler }, base = '/api/auth'): Promise<CookieJar> {
  const jar = new CookieJar()
  const csrfRes = await handlers.GET(new Request(`${ORIGIN}${base}/csrf`))
  jar.apply(csrfRes)
  const { csrfToken } = (await csrfRes.json()) as { csrfToken: string }
  const res = await handlers.POST(
    new Request(`${ORIGIN}${base}/callback/credentials`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded', cookie: jar.header() },
      body: new URLSearchParams({ csrfToken, username: 'ada', password: 'pw' }),
    }),
  )
  jar.apply(res)
  if (!jar.has('session-token')) throw new Error(`sign-in failed: ${res.status} ${res.headers.get('location')}`)
  return jar
}

/** What the mocked `next/headers` and `next/navigation` see and record. */
export const nextMock = {
  headers: new Headers(),
  /** Cookies written through `cookies().set`. */
  written: new Map<string, { value: string; options: Record<string, unknown> }>(),
  /** Server components may not set cookies: make `cookies().set` throw like Next does. */
  readonlyCookies: false,
  reset() {
    this.headers = new Headers()
    this.written.clear()
    this.readonlyCookies = false
  },
}

export class RedirectError extends Error {
  constructor(readonly url: string) {
    super('NEXT_REDIRECT')
  }
}
