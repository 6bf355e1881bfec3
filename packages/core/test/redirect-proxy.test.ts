// redirectProxyUrl / redirectProxyOrigins: the allow-list patterns, the environment, and the stable deployment
// never forwarding a state it did not seal. The two-server round trip with the real provider is
// packages/express/test/redirect-proxy.test.ts.
import { describe, expect, it } from 'vitest'
import { Auth, applyEnv, readEnv } from '../src/index.js'
import { originAllowed, resolveRedirectProxy } from '../src/redirect-proxy/config.js'
import { SECRET } from './support/client.js'

const rules = (list: string[]) => resolveRedirectProxy({ redirectProxyOrigins: list }, '/auth')!.origins

describe('redirectProxyOrigins', () => {
  it('exact origins and one-label https://*.domain patterns; nothing looser', () => {
    const r = rules(['https://preview.example.com', 'https://*.example.vercel.app', 'http://127.0.0.1:4000'])
    for (const ok of ['https://preview.example.com', 'https://my-app-git-x.example.vercel.app', 'http://127.0.0.1:4000']) expect(originAllowed(ok, r), ok).toBe(true)
    for (const no of [
      'https://a.b.example.vercel.app', // two labels
      'https://example.vercel.app', // the bare domain
      'http://my-app.example.vercel.app', // another scheme
      'https://my-app.example.vercel.app:8443', // another port
      'https://evilexample.vercel.app',
      'https://preview.example.com.evil.test',
      'http://127.0.0.1:4001',
      'https://preview.example.com/path',
      'null',
    ]) expect(originAllowed(no, r), no).toBe(false)
  })

  it('refuses patterns over a whole suffix, paths and non-http schemes', () => {
    for (const bad of ['https://*.app', 'https://*', 'https://a.*.example.com', 'https://x.example.com/auth', 'ftp://x.example.com', 'not a url']) {
      expect(() => rules([bad]), bad).toThrow(/redirectProxyOrigins/)
    }
  })
})

describe('AUTH_REDIRECT_PROXY_URL / AUTH_REDIRECT_PROXY_ORIGINS', () => {
  it('fill the config (explicit options win); a proxy URL without a path takes the basePath', () => {
    const env = { AUTH_REDIRECT_PROXY_URL: 'https://stable.example.com', AUTH_REDIRECT_PROXY_ORIGINS: 'https://*.preview.example.com, https://qa.example.com' }
    expect(readEnv(env)).toMatchObject({ redirectProxyUrl: 'https://stable.example.com', redirectProxyOrigins: ['https://*.preview.example.com', 'https://qa.example.com'] })
    const config = applyEnv({ providers: [], secret: SECRET }, env)
    expect(resolveRedirectProxy(config, '/api/auth')?.url?.href).toBe('https://stable.example.com/api/auth')
    expect(applyEnv({ providers: [], redirectProxyUrl: 'https://mine.example.com/x' }, env).redirectProxyUrl).toBe('https://mine.example.com/x')
  })
})

describe('the stable deployment', () => {
  it('never forwards a state it cannot unseal (another secret, tampered): the callback runs as its own and fails its state check', async () => {
    const config = { secret: SECRET, url: 'https://stable.example.com', redirectProxyOrigins: ['https://*.preview.example.com'], providers: [{ id: 'idp', name: 'IdP', type: 'oauth' as const, authorization: 'https://idp.example.com/authorize', token: 'https://idp.example.com/token', userinfo: 'https://idp.example.com/me', clientId: 'c', clientSecret: 's' }], logger: { warn() {}, error() {} } }
    const preview = { ...config, secret: 'another-secret-0123456789abcdef0123456789', url: 'https://a.preview.example.com', redirectProxyOrigins: undefined, redirectProxyUrl: 'https://stable.example.com/auth' }
    const { newState } = await import('../src/redirect-proxy/state.js')
    const { resolveConfig } = await import('../src/config/resolve.js')
    const ctx = { origin: preview.url, authUrl: `${preview.url}/auth`, options: resolveConfig(preview) } as never
    const foreign = await newState(ctx, config.providers[0]!)
    for (const state of [foreign, `${foreign.slice(0, -4)}AAAA`]) {
      const res = await Auth(new Request(`https://stable.example.com/auth/callback/idp?code=x&state=${state}`), config)
      const to = new URL(res.headers.get('location')!)
      expect(to.origin).toBe('https://stable.example.com')
      expect(to.searchParams.get('error')).toBe('InvalidCheck')
    }
  })
})
