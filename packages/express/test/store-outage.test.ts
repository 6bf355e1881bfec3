// requireAuth while the session store is down: 503 + Retry-After (browsers: the error page), never a 401 that would
// tell the client it is signed out. Found by tests/cluster (PostgreSQL stopped under load).
import type { Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import express from 'express'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import Credentials from '@latch/core/providers/credentials'
import { MemoryAdapter } from '@latch/core/adapters/memory'
import { CookieJar } from '@latch/core/testing'
import { ExpressAuth, requireAuth, type AuthConfig } from '../src/index.js'

const state = { down: false }
const inner = MemoryAdapter()
const refused = () => Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:1'), { code: 'ECONNREFUSED' })
const adapter = {
  ...inner,
  getSessionAndUser: (token: string) => (state.down ? Promise.reject(refused()) : inner.getSessionAndUser!(token)),
}
const config: AuthConfig = {
  secret: 'express-outage-secret-0123456789abcdef0123456789',
  trustHost: true,
  adapter,
  session: { strategy: 'database' },
  logger: { error: () => {}, warn: () => {}, debug: () => {} },
  providers: [Credentials({ credentials: { username: {}, password: { type: 'password' } }, authorize: async (c) => (c.password === 'pw' ? inner.getUser!('u1') : null) })],
}

let server: Server
let base = ''
beforeAll(async () => {
  await inner.createUser!({ id: 'u1', email: 'ada@example.com', emailVerified: null, name: 'Ada' })
  const app = express()
  app.use('/auth', ExpressAuth(config))
  app.get('/api/me', requireAuth(config), (req, res) => res.json({ user: res.locals.session?.user }))
  server = app.listen(0, '127.0.0.1')
  await new Promise<void>((r) => server.once('listening', () => r()))
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`
})
afterAll(() => new Promise<void>((r) => server.close(() => r())))

async function signedIn(): Promise<CookieJar> {
  const jar = new CookieJar()
  const csrf = await fetch(`${base}/auth/csrf`)
  jar.apply(csrf)
  const { csrfToken } = (await csrf.json()) as { csrfToken: string }
  const res = await fetch(`${base}/auth/callback/credentials`, {
    method: 'POST',
    headers: { cookie: jar.header(), 'content-type': 'application/x-www-form-urlencoded', origin: base },
    body: new URLSearchParams({ csrfToken, username: 'ada', password: 'pw' }),
    redirect: 'manual',
  })
  jar.apply(res)
  expect(jar.has('session-token')).toBe(true)
  return jar
}

describe('requireAuth while the session store is down', () => {
  it('answers 503 + Retry-After to API clients and sends browsers to the error page; 200 again once the store is back', async () => {
    const jar = await signedIn()
    state.down = true
    try {
      const api = await fetch(`${base}/api/me`, { headers: { cookie: jar.header(), accept: 'application/json' } })
      expect(api.status).toBe(503)
      expect(api.headers.get('retry-after')).toBe('5')
      expect(await api.json()).toMatchObject({ error: 'StoreUnavailable' })
      const page = await fetch(`${base}/api/me`, { headers: { cookie: jar.header(), accept: 'text/html' }, redirect: 'manual' })
      expect(page.status).toBe(302)
      expect(page.headers.get('location')).toBe('/auth/error?error=StoreUnavailable')
    } finally {
      state.down = false
    }
    const back = await fetch(`${base}/api/me`, { headers: { cookie: jar.header(), accept: 'application/json' } })
    expect(back.status).toBe(200)
    // Signed out (no cookie) is still a 401.
    expect((await fetch(`${base}/api/me`, { headers: { accept: 'application/json' } })).status).toBe(401)
  })
})
