// The shared account-management suite against SvelteKitAuth's handle, served over HTTP in-process (a structural
// Kit event per request, as handle.test.ts builds one), on PostgreSQL and Redis, JWT and database sessions.
import { describe, expect, it } from 'vitest'
import type { Adapter, AuthConfig } from '@latch/core'
import Credentials from '@latch/core/providers/credentials'
import { MemoryAdapter } from '@latch/core/adapters/memory'
import { CookieJar, defineAccountSuite } from '@latch/core/testing'
import { fetchListener, serveWithDevOidc } from '@latch/dev-oidc/testing'
import { SvelteKitAuth } from '../src/index.js'
import { postgresStore } from '../../adapters/postgres/test/app-store.js'
import { redisStore } from '../../adapters/redis/test/app-store.js'

const secret = 'sveltekit-account-test-secret-0123456789abcdef'
const stores = { postgres: postgresStore, redis: redisStore }

/** A Node listener running the hook: every path reaches `handle`; pages outside the auth routes answer 404. */
function listener(config: AuthConfig, baseUrl: string) {
  const { handle } = SvelteKitAuth(config)
  return fetchListener(baseUrl, async (request, req) => {
    const cookies: string[] = []
    const event = {
      request,
      url: new URL(request.url),
      cookies: { get: () => undefined, set: (name: string, value: string) => void cookies.push(`${name}=${value}; Path=/; HttpOnly; SameSite=Lax`) },
      locals: {},
      getClientAddress: () => req.socket.remoteAddress ?? '127.0.0.1',
    }
    const response = await handle({ event, resolve: () => new Response('not found', { status: 404 }) } as never)
    return { response, cookies }
  })
}

for (const store of ['postgres', 'redis'] as const) {
  for (const strategy of ['database', 'jwt'] as const) {
    defineAccountSuite({
      name: `sveltekit (${store}, ${strategy} sessions)`,
      oidc: { providerId: 'dev-oidc' },
      async start() {
        const db = await stores[store](`kit-account-${strategy}`)
        const server = await serveWithDevOidc({ clientId: 'kit-account', clientSecret: 'kit-account-secret' }, (url, oidc) =>
          listener(
            {
              secret,
              url,
              adapter: db.adapter as Adapter,
              session: { strategy },
              providers: [{ id: 'dev-oidc', name: 'Local OIDC', type: 'oidc', issuer: oidc.issuer, clientId: oidc.clientId, clientSecret: oidc.clientSecret, allowInsecureRequests: true }],
            },
            url,
          ),
        )
        return { baseUrl: server.baseUrl, close: async () => (await server.close(), await db.close()) }
      },
    })
  }
}

describe('account(event)', () => {
  it('reads and deletes the account of the event’s user, clearing the session cookie through event.cookies', async () => {
    const adapter = MemoryAdapter()
    await adapter.createUser({ id: 'u-1', email: 'ada@example.com', emailVerified: null, name: 'Ada' })
    const { handle, account } = SvelteKitAuth({
      secret,
      url: 'http://app.test',
      adapter,
      session: { strategy: 'jwt' },
      providers: [Credentials({ credentials: { username: {} }, authorize: (c) => (c.username === 'ada' ? { id: 'u-1' } : null) })],
    })
    const jar = new CookieJar()
    const event = (path: string, init: RequestInit = {}) => {
      const set: { name: string; value: string; options: Record<string, unknown> }[] = []
      const headers = new Headers(init.headers)
      if (jar.cookies.size) headers.set('cookie', jar.header())
      const e = {
        request: new Request(`http://app.test${path}`, { ...init, headers }),
        url: new URL(`http://app.test${path}`),
        cookies: { get: () => undefined, set: (name: string, value: string, options: Record<string, unknown>) => void set.push({ name, value, options }) },
        locals: {},
        getClientAddress: () => '127.0.0.1',
      }
      return { e: e as never, set }
    }
    const resolve = () => new Response('page')
    const csrf = await handle({ event: event('/auth/csrf').e, resolve })
    jar.apply(csrf)
    const { csrfToken } = (await csrf.json()) as { csrfToken: string }
    const body = new URLSearchParams({ csrfToken, username: 'ada' })
    jar.apply(await handle({ event: event('/auth/callback/credentials', { method: 'POST', body, headers: { 'content-type': 'application/x-www-form-urlencoded' } }).e, resolve }))
    expect(jar.has('session-token')).toBe(true)
    const read = event('/settings')
    expect((await (await account(read.e)).get())?.user.email).toBe('ada@example.com')
    const del = event('/settings', { method: 'POST' })
    expect(await (await account(del.e)).delete()).toEqual({ ok: true, deleted: true })
    expect(del.set.find((c) => c.name === 'authjs.session-token')).toMatchObject({ value: '', options: { maxAge: 0 } })
    expect(await adapter.getUser('u-1')).toBeNull()
  })
})
