import { describe, expect, it } from 'vitest'
import { Auth, setClientAddress, type AuthConfig } from '../src/index.js'
import Credentials from '../src/providers/credentials.js'
import { SECRET } from './support/client.js'
import { quietLogger } from './support/fake-oauth.js'

/** The integration-recorded client address keys the IP limit; a client-sent header cannot. */
function setup(trustHost = false) {
  const config: AuthConfig = {
    secret: SECRET,
    url: 'http://app.test',
    trustHost,
    logger: quietLogger,
    rateLimit: { identifier: false, ip: { max: 2, windowSeconds: 60 } },
    providers: [Credentials({ authorize: async () => null })],
  }
  return config
}

async function attempt(config: AuthConfig, address: string | undefined, headers: Record<string, string> = {}) {
  const csrf = await Auth(new Request('http://app.test/auth/csrf'), config)
  const { csrfToken } = await csrf.json()
  const cookie = csrf.headers.getSetCookie()[0]!.split(';')[0]!
  const req = new Request('http://app.test/auth/callback/credentials', {
    method: 'POST',
    headers: { cookie, 'content-type': 'application/x-www-form-urlencoded', ...headers },
    body: `csrfToken=${csrfToken}&username=u${Math.random()}`,
  })
  return Auth(setClientAddress(req, address), config)
}

describe('client address from the integration', () => {
  it('limits by the recorded address, whatever the username', async () => {
    const config = setup()
    expect((await attempt(config, '198.51.100.7')).status).toBe(302)
    expect((await attempt(config, '198.51.100.7')).status).toBe(302)
    const limited = await attempt(config, '::ffff:198.51.100.7')
    expect(limited.status).toBe(429)
    expect(limited.headers.get('retry-after')).toBeTruthy()
    expect((await attempt(config, '198.51.100.8')).status).toBe(302)
  })

  it('a spoofed X-Forwarded-For does not dodge the recorded address, even with trustHost', async () => {
    const config = setup(true)
    for (let i = 0; i < 2; i++) await attempt(config, '2001:db8:1:2::1', { 'x-forwarded-for': `10.0.0.${i}` })
    const limited = await attempt(config, '2001:db8:1:2::ffff', { 'x-forwarded-for': '10.0.0.99' })
    expect(limited.status).toBe(429)
  })

  it('without a recorded address or trusted proxy, the IP limit is skipped rather than shared by everyone', async () => {
    const config = setup(false)
    for (let i = 0; i < 4; i++) expect((await attempt(config, undefined, { 'x-forwarded-for': '1.2.3.4' })).status).toBe(302)
  })
})
