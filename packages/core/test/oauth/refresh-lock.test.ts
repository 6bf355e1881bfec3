import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { defineRefreshRaceSuite } from '../../src/testing/refresh-race.js'
import { MemoryAdapter } from '../../src/adapters/memory.js'
import type { Adapter } from '../../src/adapters/types.js'
import type { AuthConfig } from '../../src/index.js'
import { Auth } from '../../src/index.js'
import OAuth from '../../src/providers/oauth.js'
import { encode } from '../../src/tokens/jwt.js'
import { refreshLockKey } from '../../src/oauth/refresh-lock.js'
import { serveWeb } from '../support/serve-web.js'

// Three "instances" over one memory store: each its own adapter object (as each process has its own client).
defineRefreshRaceSuite({
  name: 'memory adapter',
  instances: () => {
    const shared = MemoryAdapter()
    return [{ ...shared }, { ...shared }, { ...shared }]
  },
  serve: serveWeb,
})

describe('refresh lock: bounds and failures', () => {
  const SECRET = 'refresh-lock-bounds-secret-0123456789abcdef'
  let grants = 0
  let server: Awaited<ReturnType<typeof serveWeb>>
  beforeAll(async () => {
    server = await serveWeb(async () => {
      grants++
      return Response.json({ access_token: `at-${grants}`, token_type: 'bearer', expires_in: 3600, refresh_token: `rt-${grants}` })
    })
  })
  afterAll(() => server.close())

  const errors: string[] = []
  function config(adapter: Adapter): AuthConfig {
    return {
      secret: SECRET,
      url: 'http://127.0.0.1:3000/auth',
      adapter,
      session: { strategy: 'jwt' },
      httpOptions: { timeout: 300 },
      logger: { error: (e) => errors.push(e.message), warn: () => {}, debug: () => {} },
      providers: [
        OAuth({ id: 'p', clientId: 'c', clientSecret: 's', authorization: `${server.url}/a`, token: `${server.url}/token`, allowInsecureRequests: true, refresh: true }),
      ],
      callbacks: { session: ({ session, token }) => ({ ...session, accessToken: token.access_token, error: token.error }) },
    }
  }
  async function read(adapter: Adapter, refreshToken: string) {
    const token = { sub: 'u', email: 'u@example.com', provider: 'p', access_token: 'old', refresh_token: refreshToken, expires_at: Math.floor(Date.now() / 1000) - 60 }
    const cookie = `authjs.session-token=${await encode({ token, secret: SECRET, salt: 'authjs.session-token' })}`
    const res = await Auth(new Request('http://127.0.0.1:3000/auth/session', { headers: { cookie } }), config(adapter))
    return { status: res.status, body: (await res.json()) as { accessToken?: string; error?: string } }
  }

  it('a holder that keeps the lock past the bound: waiters answer RefreshAccessTokenError, never refresh, never 5xx', async () => {
    const adapter = MemoryAdapter()
    const key = await refreshLockKey('p', 'rt-held')
    const fencing = await adapter.acquireRefreshLock(key, 60_000)
    const before = grants
    const res = await read(adapter, 'rt-held')
    expect(res.status).toBe(200)
    expect(res.body.error).toBe('RefreshAccessTokenError')
    expect(res.body.accessToken).toBe('old')
    expect(grants).toBe(before)
    expect(errors.join('\n')).toMatch(/no result from the instance refreshing it within 1300 ms/)
    // Once the lock is free, the next request refreshes: a failure to wait is not remembered.
    await adapter.releaseRefreshLock(key, fencing!)
    const again = await read(adapter, 'rt-held')
    expect(again.body.error).toBeUndefined()
    expect(again.body.accessToken).toBe(`at-${grants}`)
    expect(grants).toBe(before + 1)
  })

  it('a failing lock store: RefreshAccessTokenError (fail closed, no refresh), never 5xx', async () => {
    const adapter: Adapter = {
      ...MemoryAdapter(),
      acquireRefreshLock: () => Promise.reject(new Error('store down')),
    }
    const before = grants
    const res = await read(adapter, 'rt-store-down')
    expect(res.status).toBe(200)
    expect(res.body.error).toBe('RefreshAccessTokenError')
    expect(grants).toBe(before)
    expect(errors.join('\n')).toMatch(/refresh lock store failed: store down/)
  })

  it('results are stored encrypted under a hash: neither the refresh token nor the new tokens appear in the store', async () => {
    const stored = new Map<string, string>()
    const base = MemoryAdapter()
    const adapter: Adapter = { ...base, setRefreshResult: (k, v, ttl) => (stored.set(k, v), base.setRefreshResult(k, v, ttl)) }
    const res = await read(adapter, 'rt-secret-value')
    expect(res.body.accessToken).toBe(`at-${grants}`)
    const [key, value] = [...stored][0]!
    expect(key).toBe(await refreshLockKey('p', 'rt-secret-value'))
    expect(key + value).not.toContain('rt-secret-value')
    expect(value).not.toContain(`at-${grants}`)
    expect(value.split('.')).toHaveLength(5)
  })

  it('a result sealed for another key (swapped in the store) is refused', async () => {
    const base = MemoryAdapter()
    const other = await refreshLockKey('p', 'rt-victim')
    const adapter: Adapter = { ...base, getRefreshResult: (k) => base.getRefreshResult(k === other ? k : other) }
    // The victim's refresh stores its result; the attacker's read is served the victim's row.
    await read(adapter, 'rt-victim')
    const victimAccess = `at-${grants}`
    const res = await read(adapter, 'rt-attacker')
    expect(res.body.accessToken).not.toBe(victimAccess)
  })
})
