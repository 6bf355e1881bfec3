import { describe, expect, it } from 'vitest'
import { Auth, raw, type AuthConfig } from '../src/index.js'
import Credentials from '../src/providers/credentials.js'
import { SECRET } from './support/client.js'

const config: AuthConfig = { secret: SECRET, url: 'http://app.test', providers: [Credentials({ authorize: async () => null })] }
const get = (path: string, c: AuthConfig = config, init?: RequestInit) => Auth(new Request(`http://app.test${path}`, init), c)

describe('dispatch table', () => {
  it('serves every Auth.js v5 action', async () => {
    expect((await get('/auth/providers')).status).toBe(200)
    expect((await get('/auth/session')).status).toBe(200)
    expect((await get('/auth/csrf')).status).toBe(200)
    expect((await get('/auth/signin')).status).toBe(200)
    expect((await get('/auth/signin/credentials')).status).toBe(200)
    expect((await get('/auth/signout')).status).toBe(200)
    expect((await get('/auth/verify-request')).status).toBe(200)
    expect((await get('/auth/error?error=Verification')).status).toBe(400)
  })

  it('unknown actions are 404 JSON with a clear message', async () => {
    for (const path of ['/auth/nope', '/auth', '/auth/', '/auth/session/extra', '/auth/a/b/c', '/other/session', '/auth/__proto__', '/auth/constructor', '/auth/toString']) {
      const res = await get(path)
      expect(res.status, path).toBe(404)
      expect(res.headers.get('content-type')).toContain('application/json')
      expect((await res.json()).error).toBe('UnknownAction')
    }
  })

  it('wrong methods are 405 with Allow', async () => {
    for (const [method, path] of [['PUT', '/auth/session'], ['DELETE', '/auth/signin'], ['POST', '/auth/csrf'], ['POST', '/auth/providers'], ['PATCH', '/auth/callback/credentials']] as const) {
      const res = await get(path, config, { method })
      expect(res.status, `${method} ${path}`).toBe(405)
      expect(res.headers.get('allow')).toBeTruthy()
    }
  })

  it('unknown providers are 404 JSON', async () => {
    const res = await get('/auth/callback/nope')
    expect(res.status).toBe(404)
    expect((await res.json()).error).toBe('InvalidProvider')
    expect((await get('/auth/callback')).status).toBe(404)
  })

  it('doubled slashes and encoded segments reach the same route as the canonical path', async () => {
    const canonical = await (await get('/auth/providers')).json()
    for (const path of ['//auth//providers', '/auth/%70roviders', '/%61uth/providers/', '/auth///providers']) {
      const res = await get(path)
      expect(res.status, path).toBe(200)
      expect(await res.json()).toEqual(canonical)
    }
    expect((await get('/auth/%2e%2e/providers')).status).toBe(404)
    expect((await get('/auth/%E0%A4%A')).status).toBe(404)
  })

  it('a basePath with RegExp characters is matched literally', async () => {
    const c = { ...config, basePath: '/a.b+(c)' }
    expect((await get('/a.b+(c)/providers', c)).status).toBe(200)
    expect((await get('/aXb+(c)/providers', c)).status).toBe(404)
    expect((await get('/a.bb(c)/providers', c)).status).toBe(404)
  })

  it('a custom basePath moves every generated URL', async () => {
    const res = await get('/api/auth/providers', { ...config, basePath: '/api/auth/' })
    expect((await res.json()).credentials.callbackUrl).toBe('http://app.test/api/auth/callback/credentials')
  })

  it('malformed bodies are 400, oversized bodies 413-class 400, never 500', async () => {
    const cases: RequestInit[] = [
      { method: 'POST', body: '{bad json', headers: { 'content-type': 'application/json' } },
      { method: 'POST', body: '[1,2]', headers: { 'content-type': 'application/json' } },
      { method: 'POST', body: 'x'.repeat(70_000), headers: { 'content-type': 'application/x-www-form-urlencoded' } },
      { method: 'POST', body: 'a=1', headers: { 'content-type': 'application/xml' } },
      { method: 'POST', body: Array.from({ length: 200 }, (_, i) => `f${i}=1`).join('&'), headers: { 'content-type': 'application/x-www-form-urlencoded' } },
    ]
    for (const init of cases) {
      const res = await get('/auth/signout', config, init)
      expect(res.status).toBe(400)
      expect((await res.json()).error).toBe('InvalidRequest')
    }
  })

  it('never mutates the config, even deeply frozen', async () => {
    const deepFreeze = <T>(o: T): T => {
      if (o && typeof o === 'object' && !Object.isFrozen(o)) {
        Object.freeze(o)
        for (const v of Object.values(o)) deepFreeze(v)
      }
      return o
    }
    const frozen = deepFreeze({
      secret: SECRET,
      url: 'http://app.test',
      providers: [Credentials({ credentials: { u: { label: 'U' } }, authorize: async () => ({ id: '1' }) })],
      pages: {},
      callbacks: {},
      session: { maxAge: 100 },
      theme: { brandColor: '#123456' },
    } satisfies AuthConfig)
    const snapshot = JSON.stringify(frozen)
    for (const path of ['/auth/session', '/auth/signin', '/auth/csrf', '/auth/providers']) expect((await get(path, frozen)).status).toBeLessThan(500)
    expect(JSON.stringify(frozen)).toBe(snapshot)
  })

  it('a missing secret is a configuration error naming AUTH_SECRET', async () => {
    const errors: Error[] = []
    const res = await get('/auth/session', { providers: [], url: 'http://app.test', logger: { error: (e) => errors.push(e) } })
    expect(res.status).toBe(500)
    const body = await res.json()
    expect(body.error).toBe('MissingSecret')
    expect(body.message).toMatch(/AUTH_SECRET/)
    expect(errors[0]?.name).toBe('MissingSecret')
  })

  it('raw mode returns the internal result for server actions', async () => {
    const out = await Auth(new Request('http://app.test/auth/csrf'), { ...config, raw } as AuthConfig & { raw: typeof raw })
    expect(out.status).toBe(200)
    expect(out.cookies?.[0]?.name).toBe('authjs.csrf-token')
    expect((out.body as { csrfToken: string }).csrfToken).toMatch(/^[0-9a-f]{64}$/)
  })
})
