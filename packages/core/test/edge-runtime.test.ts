import { EdgeVM } from '@edge-runtime/vm'
import { beforeAll, describe, expect, it } from 'vitest'
import { bundleForEdge } from './support/edge.js'

let bundle = ''

/**
 * The core bundled for a neutral platform (no Node built-ins resolvable) and evaluated in an
 * Edge runtime VM where Buffer, process and require do not exist.
 */
beforeAll(async () => {
  bundle = await bundleForEdge(`
        export { Auth, getSession } from './src/index.ts'
        export { getToken } from './src/jwt.ts'
        export { default as Credentials } from './src/providers/credentials.ts'
      `)
}, 60_000)

describe('edge runtime', () => {
  it('bundles without any Node built-in', () => {
    expect(bundle.length).toBeGreaterThan(1000)
    expect(bundle).not.toMatch(/require\(["'](node:)?(crypto|buffer|fs|path|util|stream)["']\)/)
  })

  it('runs a credentials sign-in and session round trip inside EdgeVM', async () => {
    const vm = new EdgeVM()
    expect(vm.evaluate('typeof Buffer')).toBe('undefined')
    expect(vm.evaluate('typeof process')).toBe('undefined')
    expect(vm.evaluate('typeof require')).toBe('undefined')
    vm.evaluate(bundle)
    const out = await vm.evaluate(`(async () => {
      const config = {
        secret: 'edge-secret-0123456789abcdef0123456789',
        url: 'https://edge.test',
        providers: [Latch.Credentials({ authorize: async (c) => c.username === 'ada' ? { id: '1', name: 'Ada' } : null })],
      }
      const jar = new Map()
      const absorb = (res) => { for (const c of res.headers.getSetCookie()) { const [p] = c.split(';'); const i = p.indexOf('='); const v = p.slice(i + 1); if (/Max-Age=0/.test(c)) jar.delete(p.slice(0, i)); else jar.set(p.slice(0, i), v) } }
      const cookie = () => [...jar].map(([k, v]) => k + '=' + v).join('; ')
      const r1 = await Latch.Auth(new Request('https://edge.test/auth/csrf'), config); absorb(r1)
      const { csrfToken } = await r1.json()
      const r2 = await Latch.Auth(new Request('https://edge.test/auth/callback/credentials', {
        method: 'POST', headers: { cookie: cookie(), 'content-type': 'application/x-www-form-urlencoded' },
        body: new URLSearchParams({ csrfToken, username: 'ada', callbackUrl: '/home' }).toString(),
      }), config); absorb(r2)
      const session = await Latch.getSession(new Request('https://edge.test/', { headers: { cookie: cookie() } }), config)
      const token = await Latch.getToken({ req: new Request('https://edge.test/', { headers: { cookie: cookie() } }), secret: config.secret })
      const page = await (await Latch.Auth(new Request('https://edge.test/auth/signin'), config)).text()
      return { status: r2.status, location: r2.headers.get('location'), cookies: [...jar.keys()].sort(), name: session && session.user.name, sub: token && token.sub, page: page.includes('Sign in with Credentials') }
    })()`)
    expect(out).toEqual({
      status: 302,
      location: 'https://edge.test/home',
      cookies: ['__Host-authjs.csrf-token', '__Secure-authjs.session-token'],
      name: 'Ada',
      sub: '1',
      page: true,
    })
  })
})
