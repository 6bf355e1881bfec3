import { describe, expect, it } from 'vitest'
import { Auth, type AuthConfig } from '../src/index.js'
import { encode, getToken } from '../src/jwt.js'
import { parseCookies, serializeCookie } from '../src/http/cookies.js'
import { writeChunked, readChunked, CHUNK_SIZE } from '../src/http/chunks.js'
import Credentials from '../src/providers/credentials.js'
import { Browser, SECRET } from './support/client.js'

const bigUser = { id: 'big', name: 'Big', email: 'big@example.com', groups: Array.from({ length: 150 }, (_, i) => `group-with-a-long-name-${i}`) }
const config: AuthConfig = {
  secret: SECRET,
  url: 'http://app.test',
  providers: [Credentials({ authorize: async (c) => (c.size === 'big' ? bigUser : { id: 'small', name: 'Small' }) })],
  callbacks: { jwt: ({ token, user }) => (user && 'groups' in user ? { ...token, groups: user.groups } : token) },
}

describe('cookie names and attributes', () => {
  it('uses authjs.* names, HttpOnly, SameSite=Lax, Path=/ on http', async () => {
    const b = new Browser(config)
    const res = await b.fetch('/auth/csrf')
    const set = res.headers.getSetCookie()
    expect(set).toHaveLength(1)
    expect(set[0]).toMatch(/^authjs\.csrf-token=[0-9a-f]{64}%7C[0-9a-f]{64}; Path=\/; HttpOnly; SameSite=Lax$/)
  })

  it('uses __Host- for CSRF and __Secure- for the session on https, with Secure', async () => {
    const b = new Browser({ ...config, url: 'https://app.test' }, 'https://app.test')
    await b.signInWithCredentials({ size: 'small' })
    expect([...b.jar.keys()].sort()).toEqual(['__Host-authjs.csrf-token', '__Secure-authjs.session-token'])
    const res = await b.fetch('/auth/signout', { form: { csrfToken: await b.csrf() } })
    expect(res.headers.getSetCookie().join('\n')).toMatch(/__Secure-authjs\.session-token=; Max-Age=0;.*Secure/)
  })

  it('parses odd cookie headers without throwing', () => {
    const jar = parseCookies('a=1; b; =x; c="q"; d=%E0%A4%A; e=%41')
    expect(jar.get('a')).toBe('1')
    expect(jar.get('c')).toBe('q')
    expect(jar.get('d')).toBe('%E0%A4%A')
    expect(jar.get('e')).toBe('A')
  })

  it('refuses to serialize an invalid cookie name', () => {
    expect(() => serializeCookie({ name: 'a;b', value: 'x', options: {} })).toThrow(TypeError)
  })
})

describe('chunking', () => {
  it('splits a large session into .0 .1 ... chunks under 4 KB each and reads them back', async () => {
    const b = new Browser(config)
    await b.signInWithCredentials({ size: 'big' })
    const names = [...b.jar.keys()].filter((k) => k.startsWith('authjs.session-token'))
    expect(names.length).toBeGreaterThan(1)
    expect(names).toContain('authjs.session-token.0')
    for (const n of names) expect(n.length + b.jar.get(n)!.length).toBeLessThanOrEqual(CHUNK_SIZE)
    const session = await b.session()
    expect(session.user.name).toBe('Big')
    const token = await getToken({ req: new Request('http://app.test/', { headers: { cookie: b.cookieHeader() } }), secret: SECRET })
    expect((token as { groups: string[] }).groups).toHaveLength(150)
  })

  it('expires stale chunks when a smaller session replaces a chunked one', async () => {
    const b = new Browser(config)
    await b.signInWithCredentials({ size: 'big' })
    const res = await b.signInWithCredentials({ size: 'small' })
    const set = res.headers.getSetCookie()
    expect(set.some((c) => /^authjs\.session-token\.0=; Max-Age=0/.test(c))).toBe(true)
    expect([...b.jar.keys()].filter((k) => k.startsWith('authjs.session-token'))).toEqual(['authjs.session-token'])
    expect((await b.session()).user.name).toBe('Small')
  })

  it('expires an unchunked cookie and extra chunks when writing fewer chunks', () => {
    const jar = new Map([['s', 'x'], ['s.0', 'a'], ['s.1', 'b'], ['s.2', 'c'], ['s.3', 'd']])
    const out = writeChunked(jar, 's', 'y'.repeat(CHUNK_SIZE * 2), {})
    const written = out.filter((c) => c.value !== '').map((c) => c.name)
    const cleared = out.filter((c) => c.value === '').map((c) => c.name)
    expect(written).toEqual(['s.0', 's.1', 's.2'])
    expect(cleared.sort()).toEqual(['s', 's.3'])
  })

  it('ignores non-contiguous chunks and garbage suffixes', () => {
    expect(readChunked(new Map([['s.1', 'b']]), 's')).toBeUndefined()
    expect(readChunked(new Map([['s.0', 'a'], ['s.2', 'c']]), 's')).toBe('a')
    expect(readChunked(new Map([['s.x', 'a']]), 's')).toBeUndefined()
  })
})

describe('each cookie kind has its own key', () => {
  it('a token sealed for another cookie name never decodes as the session', async () => {
    for (const salt of ['authjs.state', 'authjs.pkce.code_verifier', 'authjs.nonce', 'authjs.csrf-token', 'authjs.callback-url']) {
      const forged = await encode({ token: { sub: 'attacker', name: 'Mallory' }, salt, secret: SECRET })
      const res = await Auth(new Request('http://app.test/auth/session', { headers: { cookie: `authjs.session-token=${forged}` } }), config)
      expect(await res.json()).toBeNull()
      // and the bad cookie is cleared
      expect(res.headers.getSetCookie().some((c) => /^authjs\.session-token=; Max-Age=0/.test(c))).toBe(true)
    }
  })

  it('the CSRF cookie pasted into the session cookie is no session', async () => {
    const b = new Browser(config)
    await b.csrf()
    const csrfCookie = b.jar.get('authjs.csrf-token')!
    const res = await Auth(new Request('http://app.test/auth/session', { headers: { cookie: `authjs.session-token=${csrfCookie}` } }), config)
    expect(await res.json()).toBeNull()
  })
})
