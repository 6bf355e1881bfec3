// Express-specific cache hardening beyond the shared headers suite: the app's own headers and the opt-out.
import type { Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import express from 'express'
import { afterEach, describe, expect, it } from 'vitest'
import Credentials from '@latch/core/providers/credentials'
import { CookieJar } from '@latch/core/testing'
import { ExpressAuth, requireAuth, type AuthConfig } from '../src/index.js'

const config: AuthConfig = {
  secret: 'express-cache-secret-0123456789abcdef0123456789',
  trustHost: true,
  providers: [Credentials({ credentials: { username: {}, password: {} }, authorize: (c) => (c.password === 'pw' ? { id: 'bob', name: 'Bob' } : null) })],
}

let server: Server | undefined
afterEach(async () => {
  await new Promise<void>((resolve) => {
    server?.close(() => resolve())
    server?.closeAllConnections()
  })
  server = undefined
})

async function start(): Promise<{ base: string; jar: CookieJar }> {
  const app = express()
  app.use('/auth', ExpressAuth(config))
  app.get('/public', requireAuth(config, { allowSharedCache: true }), (_req, res) => void res.set('Cache-Control', 'public, max-age=60').send('same for all'))
  app.get('/strict', requireAuth(config), (_req, res) => void res.set({ 'Cache-Control': 'no-store, must-revalidate', Vary: 'Accept' }).json({}))
  app.get('/loose', requireAuth(config), (_req, res) => void res.writeHead(200, { 'Cache-Control': 'public, max-age=600' }).end('x'))
  server = app.listen(0, '127.0.0.1')
  await new Promise<void>((resolve) => server!.once('listening', () => resolve()))
  const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`
  const jar = new CookieJar()
  const get = async (path: string, init: RequestInit = {}) => {
    const res = await fetch(base + path, { ...init, headers: { ...init.headers, cookie: jar.header() }, redirect: 'manual' })
    jar.apply(res)
    return res
  }
  const { csrfToken } = (await (await get('/auth/csrf')).json()) as { csrfToken: string }
  await get('/auth/callback/credentials', { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: `csrfToken=${csrfToken}&username=bob&password=pw` })
  expect(jar.has('session-token')).toBe(true)
  return { base, jar }
}

const fetchWith = (base: string, jar: CookieJar, path: string) => fetch(base + path, { headers: { cookie: jar.header(), accept: 'application/json' }, redirect: 'manual' })

describe('@latch/express cache headers', () => {
  it('keeps a stricter Cache-Control of the app and merges Vary', async () => {
    const { base, jar } = await start()
    const res = await fetchWith(base, jar, '/strict')
    expect(res.headers.get('cache-control')).toBe('no-store, must-revalidate')
    expect(res.headers.get('vary')).toBe('Accept, Cookie')
  })

  it('replaces a shared-cacheable header, even one passed to writeHead', async () => {
    const { base, jar } = await start()
    const res = await fetchWith(base, jar, '/loose')
    expect(res.headers.get('cache-control')).toBe('private, no-store')
    expect(res.headers.get('vary')).toBe('Cookie')
  })

  it('requireAuth({ allowSharedCache }) leaves a public page alone when no cookie goes out', async () => {
    const { base, jar } = await start()
    const res = await fetchWith(base, jar, '/public')
    expect(res.status).toBe(200)
    expect(res.headers.getSetCookie()).toEqual([])
    expect(res.headers.get('cache-control')).toBe('public, max-age=60')
    expect(res.headers.get('vary')).toBeNull()
  })

  it('the signed-out 401 is Latch’s: nosniff', async () => {
    const { base } = await start()
    const res = await fetchWith(base, new CookieJar(), '/strict')
    expect(res.status).toBe(401)
    expect(res.headers.get('x-content-type-options')).toBe('nosniff')
  })
})
