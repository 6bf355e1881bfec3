import { describe, expect, it } from 'vitest'
import { Auth, forwardedHost, forwardedProto, lastForwarded, type AuthConfig } from '../../src/index.js'
import Credentials from '../../src/providers/credentials.js'
import { SECRET } from '../support/client.js'

/**
 * Issue 12: with `trustHost` behind a proxy that appends to X-Forwarded-Host / X-Forwarded-Proto, the entry that
 * counts is the last one (the one the trusted proxy added), as for X-Forwarded-For. The first entry is whatever
 * the client sent and must never reach a URL. See SECURITY.md.
 */
const config: AuthConfig = { secret: SECRET, trustHost: true, providers: [Credentials({ authorize: async () => ({ id: '1' }) })] }

async function callbackUrl(headers: HeadersInit): Promise<string> {
  const res = await Auth(new Request('http://internal:3000/auth/providers', { headers }), config)
  expect(res.status).toBe(200)
  return (await res.json()).credentials.callbackUrl
}

describe('list-valued forwarded headers with trustHost', () => {
  const hosts: [string, string][] = [
    ['evil.com, app.example.com', 'app.example.com'],
    ['evil.com,app.example.com', 'app.example.com'],
    ['evil.com , evil.org,  app.example.com ', 'app.example.com'],
    ['evil.com:443, app.example.com:8443', 'app.example.com:8443'],
    // The last entry empty or invalid: the request's own host, never the client's first entry.
    ['evil.com, ', 'internal:3000'],
    ['evil.com,', 'internal:3000'],
    ['evil.com, app.example.com/x', 'internal:3000'],
    ['evil.com, @app.example.com', 'internal:3000'],
  ]
  for (const [xfh, host] of hosts) {
    it(`X-Forwarded-Host "${xfh}" → ${host}`, async () => {
      expect(await callbackUrl({ 'x-forwarded-host': xfh, 'x-forwarded-proto': 'https' })).toBe(`https://${host}/auth/callback/credentials`)
    })
  }

  it('two X-Forwarded-Host header lines are one list: the last counts', async () => {
    const h = new Headers()
    h.append('x-forwarded-host', 'evil.com')
    h.append('x-forwarded-host', 'app.example.com')
    h.set('x-forwarded-proto', 'https')
    expect(await callbackUrl(h)).toBe('https://app.example.com/auth/callback/credentials')
  })

  const protos: [string, string][] = [
    ['http, https', 'https'],
    ['https, http', 'http'],
    ['javascript, https', 'https'],
    ['https, javascript', 'http'],
    ['https, ', 'http'],
  ]
  for (const [xfp, proto] of protos) {
    it(`X-Forwarded-Proto "${xfp}" → ${proto}`, async () => {
      expect(await callbackUrl({ 'x-forwarded-host': 'app.example.com', 'x-forwarded-proto': xfp })).toBe(`${proto}://app.example.com/auth/callback/credentials`)
    })
  }

  it('the cookie prefix follows the proxy-added proto, not the client-supplied first entry', async () => {
    const names = async (xfp: string) =>
      (await Auth(new Request('http://internal:3000/auth/csrf', { headers: { 'x-forwarded-proto': xfp } }), config)).headers.getSetCookie().map((c) => c.split('=')[0])
    expect(await names('http, https')).toEqual(['__Host-authjs.csrf-token'])
    expect(await names('https, http')).toEqual(['authjs.csrf-token'])
  })

  it('the helpers the framework packages use follow the same rule', () => {
    expect(lastForwarded('a, b ,c ')).toBe('c')
    expect(lastForwarded('a, ')).toBeUndefined()
    expect(lastForwarded(null)).toBeUndefined()
    expect(forwardedHost('evil.com, app.example.com')).toBe('app.example.com')
    expect(forwardedHost('evil.com, app.example.com/evil')).toBeUndefined()
    expect(forwardedProto('http, HTTPS')).toBe('https')
    expect(forwardedProto('https, ftp')).toBeUndefined()
  })
})
