// Express-specific behaviour beyond the shared suite: body parsers, mount paths, other cookies, bad hosts.
import { request as httpRequest, type Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import express from 'express'
import { afterEach, describe, expect, it } from 'vitest'
import Credentials from '@latch/core/providers/credentials'
import { CookieJar } from '@latch/core/testing'
import { ExpressAuth, getSession, requireAuth, type AuthConfig } from '../src/index.js'

const config: AuthConfig = {
  secret: 'express-unit-secret-0123456789abcdef0123456789',
  trustHost: true,
  providers: [
    Credentials({
      credentials: { username: {}, password: { type: 'password' } },
      authorize: (c) => (c.username === 'bob' && c.password === 'pw' ? { id: 'bob', name: 'Bob' } : null),
    }),
  ],
}

let server: Server | undefined
afterEach(async () => {
  await new Promise<void>((resolve) => {
    server?.close(() => resolve())
    server?.closeAllConnections()
  })
  server = undefined
})

async function listen(app: express.Express): Promise<string> {
  server = app.listen(0, '127.0.0.1')
  await new Promise<void>((resolve) => server!.once('listening', () => resolve()))
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}`
}

async function call(base: string, path: string, jar: CookieJar, init: RequestInit = {}) {
  const headers = new Headers(init.headers)
  if (jar.cookies.size) headers.set('cookie', jar.header())
  const res = await fetch(base + path, { ...init, headers, redirect: 'manual' })
  jar.apply(res)
  return res
}

async function jsonSignIn(base: string, prefix: string, jar: CookieJar) {
  const { csrfToken } = (await (await call(base, `${prefix}/csrf`, jar)).json()) as { csrfToken: string }
  return call(base, `${prefix}/callback/credentials`, jar, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-auth-return-redirect': '1' },
    body: JSON.stringify({ csrfToken, username: 'bob', password: 'pw', callbackUrl: '/me' }),
  })
}

describe('@latch/express', () => {
  for (const parsers of [true, false]) {
    it(`signs in with a JSON body ${parsers ? 'after express.json()' : 'streamed (no body parser)'}`, async () => {
      const app = express()
      if (parsers) app.use(express.json(), express.urlencoded({ extended: true }))
      app.use('/auth', ExpressAuth(config))
      app.get('/me', async (req, res) => res.json(await getSession(req, config)))
      const base = await listen(app)
      const jar = new CookieJar()
      const res = await jsonSignIn(base, '/auth', jar)
      expect(res.status).toBe(200)
      expect(((await res.json()) as { url: string }).url).toBe(`${base}/me`)
      const me = (await (await call(base, '/me', jar)).json()) as { user: { name: string } }
      expect(me.user.name).toBe('Bob')
    })
  }

  it('takes the base path from the mount path when config.basePath is unset', async () => {
    const app = express()
    app.use('/api/auth', ExpressAuth(config))
    app.get('/me', requireAuth(config), (req, res) => res.json(res.locals.session))
    const base = await listen(app)
    const jar = new CookieJar()
    expect((await jsonSignIn(base, '/api/auth', jar)).status).toBe(200)
    expect((await call(base, '/me', jar)).status).toBe(200)
  })

  it('requireAuth sends signed-out browsers to the sign-in page under the mount path', async () => {
    const app = express()
    app.use('/api/auth', ExpressAuth(config))
    app.get('/p', requireAuth(config), (req, res) => res.send('secret'))
    const base = await listen(app)
    // A browser that was here before: ExpressAuth has served a request, so the mount path is known.
    expect((await call(base, '/api/auth/csrf', new CookieJar())).status).toBe(200)
    const page = await call(base, '/p', new CookieJar(), { headers: { accept: 'text/html' } })
    expect(page.status).toBe(302)
    expect(page.headers.get('location')).toBe('/api/auth/signin?callbackUrl=%2Fp')
    expect((await call(base, page.headers.get('location')!, new CookieJar())).status).toBe(200)
  })

  it('keeps Set-Cookie headers set by earlier middleware, one header each', async () => {
    const app = express()
    app.use((req, res, next) => {
      res.cookie('app-pref', 'dark')
      next()
    })
    app.use('/auth', ExpressAuth(config))
    const base = await listen(app)
    const res = await call(base, '/auth/csrf', new CookieJar())
    const names = res.headers.getSetCookie().map((c) => c.split('=')[0])
    expect(names).toEqual(['app-pref', 'authjs.csrf-token'])
  })

  it('answers 401 JSON or a redirect from requireAuth', async () => {
    const app = express()
    app.get('/private', requireAuth(config), (req, res) => res.send('secret'))
    const base = await listen(app)
    const api = await call(base, '/private', new CookieJar(), { headers: { accept: 'application/json' } })
    expect(api.status).toBe(401)
    expect(await api.json()).toMatchObject({ error: 'Unauthorized' })
    const page = await call(base, '/private?x=1', new CookieJar(), { headers: { accept: 'text/html' } })
    expect(page.status).toBe(302)
    expect(page.headers.get('location')).toBe('/auth/signin?callbackUrl=%2Fprivate%3Fx%3D1')
  })

  it('refuses a malformed Host header with 400', async () => {
    const app = express()
    app.use('/auth', ExpressAuth(config))
    const base = new URL(await listen(app))
    const status = await new Promise<number>((resolve, reject) => {
      const req = httpRequest({ host: base.hostname, port: base.port, path: '/auth/session', headers: { host: 'bad host/x' } }, (res) => {
        res.resume()
        resolve(res.statusCode ?? 0)
      })
      req.on('error', reject)
      req.end()
    })
    expect(status).toBe(400)
  })
})

describe('@latch/express client address', () => {
  it('keys the core rate limiter on the socket address, not on a client-sent X-Forwarded-For', async () => {
    // Its own secret: the default rate-limit counters are per app (secret + base path).
    const limited: AuthConfig = { ...config, secret: `${config.secret}-xff`, rateLimit: { identifier: false, ip: { max: 2, windowSeconds: 60 } } }
    const app = express()
    app.use('/auth', ExpressAuth(limited))
    const base = await listen(app)
    const statuses: number[] = []
    for (let i = 0; i < 3; i++) {
      const jar = new CookieJar()
      const { csrfToken } = (await (await call(base, '/auth/csrf', jar)).json()) as { csrfToken: string }
      const res = await call(base, '/auth/callback/credentials', jar, {
        method: 'POST',
        headers: { 'content-type': 'application/x-www-form-urlencoded', 'x-forwarded-for': `10.9.9.${i}` },
        body: new URLSearchParams({ csrfToken, username: `user${i}`, password: 'x' }).toString(),
      })
      statuses.push(res.status)
      await res.arrayBuffer()
    }
    expect(statuses).toEqual([302, 302, 429])
  })
})

describe('@latch/express mount path spellings', () => {
  it('/auth and /AUTH are one mount (Express routes them alike): one rate limit, one spelling in the URLs', async () => {
    const limited: AuthConfig = { ...config, secret: `${config.secret}-case`, rateLimit: { identifier: false, ip: { max: 2, windowSeconds: 60 } } }
    const app = express()
    app.use('/auth', ExpressAuth(limited))
    const base = await listen(app)
    const statuses: number[] = []
    for (const prefix of ['/auth', '/auth', '/AUTH', '/Auth']) {
      const jar = new CookieJar()
      const { csrfToken } = (await (await call(base, `${prefix}/csrf`, jar)).json()) as { csrfToken: string }
      const res = await call(base, `${prefix}/callback/credentials`, jar, {
        method: 'POST',
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
        body: new URLSearchParams({ csrfToken, username: 'nobody', password: 'x' }).toString(),
      })
      statuses.push(res.status)
      await res.arrayBuffer()
    }
    expect(statuses).toEqual([302, 302, 429, 429])
    const providers = (await (await call(base, '/AUTH/providers', new CookieJar())).json()) as Record<string, { signinUrl: string }>
    expect(new URL(providers.credentials!.signinUrl).pathname).toBe('/auth/signin/credentials')
  })
})

describe('@latch/express sliding session', () => {
  for (const [updateAge, expectCookie] of [[0, true], [undefined, false]] as const) {
    it(`requireAuth ${expectCookie ? 're-issues an aging session cookie' : 'sets no cookie for a fresh session'}`, async () => {
      const cfg: AuthConfig = { ...config, session: updateAge === undefined ? {} : { updateAge } }
      const app = express()
      app.use('/auth', ExpressAuth(cfg))
      app.get('/me', requireAuth(cfg), (_req, res) => res.json({ name: res.locals.session?.user?.name }))
      const base = await listen(app)
      const jar = new CookieJar()
      await jsonSignIn(base, '/auth', jar)
      const me = await call(base, '/me', jar)
      expect(me.status).toBe(200)
      expect(await me.json()).toEqual({ name: 'Bob' })
      expect(me.headers.getSetCookie().some((c) => /^authjs\.session-token=ey/.test(c))).toBe(expectCookie)
    })
  }
})
