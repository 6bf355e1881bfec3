import { EdgeVM } from '@edge-runtime/vm'
import { beforeAll, describe, expect, it } from 'vitest'
import { bundleForEdge } from '../support/edge.js'
import { bundledInputs, eagerInputs } from '../support/split-build.js'
import { SoftAuthenticator } from '../../src/testing/soft-authenticator.js'

let bundle = ''

beforeAll(async () => {
  bundle = await bundleForEdge(`
    export { Auth, getSession } from './src/index.ts'
    export { default as Passkey } from './src/providers/passkey.ts'
    export { MemoryAdapter } from './src/adapters/memory.ts'
  `)
}, 60_000)

describe('passkeys on an edge runtime', () => {
  it('bundle without Node built-ins (SimpleWebAuthn included) and run sign-up + sign-in inside EdgeVM', async () => {
    expect(bundle).not.toMatch(/require\(["'](node:)?(crypto|buffer|fs|path|util|stream)["']\)/)
    const vm = new EdgeVM()
    expect(vm.evaluate('typeof Buffer')).toBe('undefined')
    vm.evaluate(bundle)
    vm.evaluate(`
      globalThis.app = {
        config: { secret: 'edge-secret-0123456789abcdef0123456789', url: 'https://edge.test', adapter: Latch.MemoryAdapter(), providers: [Latch.Passkey] },
        jar: new Map(),
      }
      globalThis.call = async (path, form) => {
        const headers = { cookie: [...app.jar].map(([k, v]) => k + '=' + v).join('; ') }
        if (form) headers['content-type'] = 'application/x-www-form-urlencoded'
        const res = await Latch.Auth(new Request('https://edge.test/auth' + path, { method: form ? 'POST' : 'GET', headers, body: form ? new URLSearchParams(form).toString() : undefined }), app.config)
        for (const c of res.headers.getSetCookie()) { const [p] = c.split(';'); const i = p.indexOf('='); if (/Max-Age=0/.test(c)) app.jar.delete(p.slice(0, i)); else app.jar.set(p.slice(0, i), p.slice(i + 1)) }
        return { status: res.status, location: res.headers.get('location'), body: await res.text() }
      }
      globalThis.csrf = async () => JSON.parse((await call('/csrf')).body).csrfToken
    `)
    const device = new SoftAuthenticator()
    const reg = await vm.evaluate(`call('/webauthn-options/passkey?action=register&email=edge%40example.com')`)
    expect(reg.status).toBe(200)
    const registration = await device.create(JSON.parse(reg.body).options, 'https://edge.test')
    const signUp = await vm.evaluate(`(async () => call('/callback/passkey', { csrfToken: await csrf(), action: 'register', data: ${JSON.stringify(JSON.stringify(registration))} }))()`)
    expect(signUp).toMatchObject({ status: 302, location: 'https://edge.test/' })
    vm.evaluate(`app.jar.clear()`)
    const auth = await vm.evaluate(`call('/webauthn-options/passkey?action=authenticate')`)
    const assertion = await device.get(JSON.parse(auth.body).options, 'https://edge.test')
    const signIn = await vm.evaluate(`(async () => call('/callback/passkey', { csrfToken: await csrf(), action: 'authenticate', data: ${JSON.stringify(JSON.stringify(assertion))} }))()`)
    expect(signIn).toMatchObject({ status: 302, location: 'https://edge.test/' })
    const session = await vm.evaluate(`(async () => { const s = await Latch.getSession(new Request('https://edge.test/', { headers: { cookie: [...app.jar].map(([k, v]) => k + '=' + v).join('; ') } }), app.config); return s && s.user.email })()`)
    expect(session).toBe('edge@example.com')
  }, 60_000)

  it('loads nothing of SimpleWebAuthn or the passkey routes before the first passkey request', async () => {
    const eager = await eagerInputs(`export { Auth } from './src/index.ts'\nexport { default as Passkey } from './src/providers/passkey.ts'`)
    expect(eager.some((f) => f.includes('src/passkeys/provider.ts'))).toBe(true)
    expect(eager.filter((f) => /@simplewebauthn|@peculiar|src\/passkeys\/(?!provider|library-slot)/.test(f))).toEqual([])
  }, 60_000)

  it('is not in the bundle of an app without a passkey provider: the provider module names it, the handler does not', async () => {
    const all = await bundledInputs(`export { Auth } from './src/index.ts'\nexport { default as Google } from './src/providers/google.ts'`)
    expect(all.some((f) => f.includes('src/passkeys/callback.ts'))).toBe(true)
    expect(all.filter((f) => /@simplewebauthn|@peculiar|asn1js/.test(f))).toEqual([])
  }, 60_000)
})
