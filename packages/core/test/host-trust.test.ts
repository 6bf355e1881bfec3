import { describe, expect, it } from 'vitest'
import { Auth, type AuthConfig } from '../src/index.js'
import Credentials from '../src/providers/credentials.js'
import { SECRET } from './support/client.js'

const providers = [Credentials({ authorize: async () => ({ id: '1' }) })]
const spoof = { 'x-forwarded-host': 'evil.example', 'x-forwarded-proto': 'https', host: 'evil.example' }

async function providerUrls(config: AuthConfig, url = 'http://internal:3000/auth/providers', headers: Record<string, string> = spoof) {
  const res = await Auth(new Request(url, { headers }), config)
  return { status: res.status, body: await res.json() }
}

describe('host trust', () => {
  it('with AUTH_URL, forwarded headers change nothing', async () => {
    const { body } = await providerUrls({ secret: SECRET, providers, url: 'https://app.example.com', trustHost: true })
    expect(body.credentials.callbackUrl).toBe('https://app.example.com/auth/callback/credentials')
  })

  it('AUTH_URL with a path sets the basePath', async () => {
    const res = await Auth(new Request('http://internal/api/auth/providers'), { secret: SECRET, providers, url: 'https://app.example.com/api/auth' })
    expect((await res.json()).credentials.signinUrl).toBe('https://app.example.com/api/auth/signin/credentials')
  })

  it('without AUTH_URL and without trustHost, the request is refused with a message naming the settings', async () => {
    const errors: Error[] = []
    const { status, body } = await providerUrls({ secret: SECRET, providers, logger: { error: (e) => errors.push(e) } })
    expect(status).toBe(500)
    expect(body.error).toBe('UntrustedHost')
    expect(body.message).toMatch(/AUTH_URL/)
    expect(body.message).toMatch(/trustHost/)
    expect(errors).toHaveLength(1)
  })

  it('with trustHost, forwarded headers are used (validated)', async () => {
    const { body } = await providerUrls({ secret: SECRET, providers, trustHost: true })
    expect(body.credentials.callbackUrl).toBe('https://evil.example/auth/callback/credentials')
    const bad = await providerUrls({ secret: SECRET, providers, trustHost: true }, 'http://internal:3000/auth/providers', {
      'x-forwarded-host': 'evil.example/path?x',
      'x-forwarded-proto': 'javascript',
    })
    expect(bad.body.credentials.callbackUrl).toBe('http://internal:3000/auth/callback/credentials')
  })

  it('with trustHost and no forwarded headers, the request URL is used', async () => {
    const { body } = await providerUrls({ secret: SECRET, providers, trustHost: true }, 'http://127.0.0.1:4000/auth/providers', {})
    expect(body.credentials.callbackUrl).toBe('http://127.0.0.1:4000/auth/callback/credentials')
  })
})
