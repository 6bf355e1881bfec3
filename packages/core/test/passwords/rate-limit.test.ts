import { describe, expect, it } from 'vitest'
import { MemoryRateLimitStore } from '../../src/rate-limit/memory.js'
import { account, Browser, forgot, setup, signIn } from './support.js'

describe('passwords: rate limits', () => {
  it('counts sign-in attempts per address (however spelled), before any hashing', async () => {
    const env = setup({ config: { rateLimit: { store: new MemoryRateLimitStore(), identifier: { max: 3, windowSeconds: 60 }, ip: false } } })
    await account(env, 'ada@example.com', 'first password here')
    for (const spelling of ['ada@example.com', 'ADA@example.com', ' Ada@Example.com ']) {
      expect((await signIn(new Browser(env.config), spelling, 'wrong wrong')).status).toBe(302)
    }
    const limited = await signIn(new Browser(env.config), 'ada@example.com', 'first password here', true)
    expect(limited.status).toBe(429)
    expect(limited.headers.get('retry-after')).toBeTruthy()
    // Another address is not limited.
    expect((await signIn(new Browser(env.config), 'bo@example.com', 'wrong wrong')).status).toBe(302)
  })

  it('counts per client address', async () => {
    const env = setup({ config: { trustHost: true, rateLimit: { store: new MemoryRateLimitStore(), identifier: false, ip: { max: 2, windowSeconds: 60 } } } })
    const from = (ip: string) => ({ 'x-forwarded-for': ip })
    const attempt = async (ip: string, email: string) => {
      const b = new Browser(env.config)
      const csrfToken = await b.csrf()
      return b.fetch('/auth/callback/password', { form: { csrfToken, email, password: 'whatever it is' }, headers: { ...from(ip), accept: 'application/json' } })
    }
    expect((await attempt('203.0.113.5', 'a@example.com')).status).toBe(401)
    expect((await attempt('203.0.113.5', 'b@example.com')).status).toBe(401)
    expect((await attempt('203.0.113.5', 'c@example.com')).status).toBe(429)
    expect((await attempt('203.0.113.6', 'c@example.com')).status).toBe(401)
  })

  it('limits mails per mailbox (forgot password), folding +tags', async () => {
    const env = setup({ config: { rateLimit: { store: new MemoryRateLimitStore(), identifier: { max: 2, windowSeconds: 60 }, ip: false } } })
    await account(env, 'ada@example.com', 'first password here')
    const before = env.sent.length
    await forgot(new Browser(env.config), 'ada@example.com')
    await forgot(new Browser(env.config), 'ada+x@example.com')
    expect((await forgot(new Browser(env.config), 'ada@example.com', true)).status).toBe(429)
    expect(env.sent.length - before).toBe(1)
  })
})
