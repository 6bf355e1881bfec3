/**
 * The refresh race every store with a refresh lock runs: several "instances" (each its own config and its
 * own adapter client over one shared store) read the same session whose access token has expired, at once.
 * A stand-in token endpoint counts refresh grants and rotates refresh tokens, refusing a reused one.
 * Edge-safe (no `node:` imports): the caller serves the stand-in on 127.0.0.1 with `serve`.
 *
 *   defineRefreshRaceSuite({ name: 'redis', instances: () => [a1, a2, a3], serve })
 */
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest'
import type { Adapter } from '../adapters/types.js'
import type { AuthConfig } from '../types.js'
import { Auth } from '../auth.js'
import OAuth from '../providers/oauth.js'
import { encode } from '../tokens/jwt.js'
import { refreshLockKey } from '../oauth/refresh-lock.js'

export interface RefreshRaceSuiteOptions {
  name: string
  /** One adapter per instance, each with its own client, all over the same store. At least 3. */
  instances: () => Adapter[]
  /** Serve a Web handler on 127.0.0.1 (a real socket); returns its origin. */
  serve: (handler: (request: Request) => Promise<Response>) => Promise<{ url: string; close(): Promise<void> }>
}

const ORIGIN = 'http://127.0.0.1:3000'
const SECRET = 'refresh-race-secret-0123456789abcdef-0123456789'
const PROVIDER = 'standin'

/** The stand-in provider: rotating refresh tokens, one grant per token, a slow token endpoint. */
function standIn() {
  const state = { grants: 0, reused: 0, valid: new Set<string>(), next: 1 }
  const handler = async (request: Request): Promise<Response> => {
    const url = new URL(request.url)
    if (url.pathname !== '/token' || request.method !== 'POST') return new Response('not found', { status: 404 })
    const form = new URLSearchParams(await request.text())
    if (form.get('grant_type') !== 'refresh_token') return Response.json({ error: 'unsupported_grant_type' }, { status: 400 })
    const rt = form.get('refresh_token') ?? ''
    // Slow enough that every instance's request arrives while the first grant is in flight.
    await new Promise((r) => setTimeout(r, 150))
    if (!state.valid.delete(rt)) {
      state.reused++
      return Response.json({ error: 'invalid_grant', error_description: 'refresh token already used' }, { status: 400 })
    }
    state.grants++
    const n = state.next++
    state.valid.add(`rt-${n}`)
    return Response.json({ access_token: `at-${n}`, token_type: 'bearer', expires_in: 3600, refresh_token: `rt-${n}` })
  }
  return { state, handler }
}

export function defineRefreshRaceSuite(options: RefreshRaceSuiteOptions): void {
  describe(`refresh-token rotation across instances (${options.name})`, () => {
    const idp = standIn()
    let server: { url: string; close(): Promise<void> }
    let configs: AuthConfig[] = []
    let adapters: Adapter[] = []
    let run = 0

    beforeAll(async () => {
      server = await options.serve(idp.handler)
    })
    afterAll(() => server?.close())
    beforeEach(() => {
      idp.state.grants = 0
      idp.state.reused = 0
      adapters = options.instances()
      configs = adapters.map((adapter) => ({
        secret: SECRET,
        url: `${ORIGIN}/auth`,
        adapter,
        session: { strategy: 'jwt' },
        logger: { error: () => {}, warn: () => {}, debug: () => {} },
        providers: [
          OAuth({
            id: PROVIDER,
            name: 'Stand-in',
            clientId: 'client',
            clientSecret: 'secret',
            authorization: `${server.url}/authorize`,
            token: `${server.url}/token`,
            userinfo: `${server.url}/userinfo`,
            allowInsecureRequests: true,
            refresh: true,
          }),
        ],
        callbacks: { session: ({ session, token }) => ({ ...session, accessToken: token.access_token, error: token.error }) },
      }))
    })

    /** A session cookie whose access token expired, holding a refresh token the stand-in will honour once. */
    async function expiredSession(): Promise<{ cookie: string; refreshToken: string }> {
      const refreshToken = `rt-start-${++run}-${Math.random().toString(36).slice(2)}`
      idp.state.valid.add(refreshToken)
      const now = Math.floor(Date.now() / 1000)
      const token = { sub: `user-${run}`, name: 'Ada', email: 'ada@example.com', provider: PROVIDER, access_token: 'at-old', refresh_token: refreshToken, expires_at: now - 60 }
      return { cookie: `authjs.session-token=${await encode({ token, secret: SECRET, salt: 'authjs.session-token' })}`, refreshToken }
    }

    async function sessions(cookie: string, count: number, on: number[]) {
      return Promise.all(
        Array.from({ length: count }, async (_, i) => {
          const res = await Auth(new Request(`${ORIGIN}/auth/session`, { headers: { cookie } }), configs[on[i % on.length]!]!)
          return { status: res.status, body: (await res.json()) as { accessToken?: string; error?: string; user?: { email?: string } } | null }
        }),
      )
    }

    it('60 requests over 3 instances with the same expired token: exactly one refresh grant, all get its result', async () => {
      expect(adapters.length).toBeGreaterThanOrEqual(3)
      const { cookie } = await expiredSession()
      const results = await sessions(cookie, 60, [0, 1, 2])
      expect(idp.state.grants).toBe(1)
      expect(idp.state.reused).toBe(0)
      const access = `at-${idp.state.next - 1}`
      for (const r of results) {
        expect(r.status).toBe(200)
        expect(r.body?.user?.email).toBe('ada@example.com')
        expect(r.body?.error).toBeUndefined()
        expect(r.body?.accessToken).toBe(access)
      }
      // Later requests still carrying the old cookie (within the grace period) reuse the result too.
      const late = await sessions(cookie, 6, [2, 1, 0])
      expect(late.every((r) => r.body?.accessToken === access)).toBe(true)
      expect(idp.state.grants).toBe(1)
      expect(idp.state.reused).toBe(0)
    })

    it('a lock holder that dies is survived: its lock expires and another instance refreshes', async () => {
      const { cookie, refreshToken } = await expiredSession()
      // A "dead" holder: takes the lock with a short TTL and never refreshes nor releases.
      const key = await refreshLockKey(PROVIDER, refreshToken)
      expect(await adapters[0]!.acquireRefreshLock!(key, 700)).toBeTruthy()
      const results = await sessions(cookie, 12, [1, 2])
      expect(idp.state.grants).toBe(1)
      expect(idp.state.reused).toBe(0)
      for (const r of results) {
        expect(r.status).toBe(200)
        expect(r.body?.accessToken).toBe(`at-${idp.state.next - 1}`)
      }
    })

    it('the lock is freed only by its holder (fencing token)', async () => {
      const key = await refreshLockKey(PROVIDER, `fencing-${++run}`)
      const a = adapters[0]!
      const b = adapters[1]!
      const fencing = await a.acquireRefreshLock!(key, 5000)
      expect(fencing).toBeTruthy()
      expect(await b.acquireRefreshLock!(key, 5000)).toBeNull()
      await b.releaseRefreshLock!(key, 'not-the-holder')
      expect(await b.acquireRefreshLock!(key, 5000)).toBeNull()
      await a.releaseRefreshLock!(key, fencing!)
      expect(await b.acquireRefreshLock!(key, 5000)).toBeTruthy()
    })
  })
}
