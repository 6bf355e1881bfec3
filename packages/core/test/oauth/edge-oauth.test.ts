import { EdgeVM } from '@edge-runtime/vm'
import { beforeAll, describe, expect, it } from 'vitest'
import { bundleForEdge } from '../support/edge.js'

let bundle = ''

/** The OAuth code (oauth4webapi, jose, providers) bundled for a neutral platform and run where Buffer/process do not exist. */
beforeAll(async () => {
  bundle = await bundleForEdge(`
        export { Auth, customFetch } from './src/index.ts'
        export { default as GitHub } from './src/providers/github.ts'
        export { stableSubject } from './src/oauth/subject.ts'
      `)
}, 60_000)

describe('OAuth in an edge runtime', () => {
  it('runs a GitHub sign-in (PKCE, state, token, /user, /user/emails) inside EdgeVM', async () => {
    const vm = new EdgeVM()
    expect(vm.evaluate('typeof Buffer')).toBe('undefined')
    expect(vm.evaluate('typeof process')).toBe('undefined')
    vm.evaluate(bundle)
    const out = await vm.evaluate(`(async () => {
      let challenge
      const fakeFetch = async (url, init = {}) => {
        url = String(url)
        if (url === 'https://github.com/login/oauth/access_token') {
          const verifier = new URLSearchParams(String(init.body)).get('code_verifier')
          const digest = new Uint8Array(await crypto.subtle.digest('SHA-256', new TextEncoder().encode(verifier)))
          const b64 = btoa(String.fromCharCode(...digest)).replace(/\\+/g, '-').replace(/\\//g, '_').replace(/=+$/, '')
          if (b64 !== challenge) return Response.json({ error: 'invalid_grant' }, { status: 400 })
          return Response.json({ access_token: 'gho_edge', token_type: 'bearer' })
        }
        if (url === 'https://api.github.com/user') return Response.json({ id: 7, login: 'edgy', name: null, email: null, avatar_url: 'https://a/7' })
        if (url === 'https://api.github.com/user/emails') return Response.json([{ email: 'edgy@example.com', primary: true, verified: true }])
        return new Response('nope', { status: 404 })
      }
      const config = {
        secret: 'edge-secret-0123456789abcdef0123456789',
        url: 'https://edge.test',
        providers: [Latch.GitHub({ clientId: 'id', clientSecret: 'secret' })],
        callbacks: { session: ({ session, token }) => ({ ...session, sub: token.sub }) },
        [Latch.customFetch]: fakeFetch,
      }
      const jar = new Map()
      const absorb = (res) => { for (const c of res.headers.getSetCookie()) { const [p] = c.split(';'); const i = p.indexOf('='); if (/Max-Age=0/.test(c)) jar.delete(p.slice(0, i)); else jar.set(p.slice(0, i), p.slice(i + 1)) } }
      const cookie = () => [...jar].map(([k, v]) => k + '=' + v).join('; ')
      const call = async (path, init = {}) => { const r = await Latch.Auth(new Request('https://edge.test' + path, { ...init, headers: { ...(init.headers || {}), cookie: cookie() } }), config); absorb(r); return r }
      const { csrfToken } = await (await call('/auth/csrf')).json()
      const start = await call('/auth/signin/github', { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: new URLSearchParams({ csrfToken, callbackUrl: '/home' }) })
      const authz = new URL(start.headers.get('location'))
      challenge = authz.searchParams.get('code_challenge')
      const done = await call('/auth/callback/github?code=c1&state=' + encodeURIComponent(authz.searchParams.get('state')))
      const session = await (await call('/auth/session')).json()
      return { location: done.headers.get('location'), session, expectedSub: await Latch.stableSubject('github', '7') }
    })()`)
    expect(out.location).toBe('https://edge.test/home')
    expect(out.session.user).toEqual({ name: 'edgy', email: 'edgy@example.com', image: 'https://a/7' })
    expect(out.session.sub).toBe(out.expectedSub)
  })
})
