import { describe, expect, it } from 'vitest'
import type { AuthConfig } from '../src/index.js'
import type { RateLimitConfig } from '../src/rate-limit/types.js'
import Credentials from '../src/providers/credentials.js'
import { MemoryAdapter } from '../src/adapters/memory.js'
import { MemoryRateLimitStore } from '../src/rate-limit/memory.js'
import { appSecret, Browser } from './support/client.js'
import { quietLogger } from './support/fake-oauth.js'
import { capturingEmail, requestLink } from './support/mail.js'

function config(rateLimit: RateLimitConfig | false, extra: Partial<AuthConfig> = {}) {
  const mail = capturingEmail()
  const cfg: AuthConfig = {
    secret: appSecret(),
    url: 'http://app.test',
    trustHost: true,
    logger: quietLogger,
    rateLimit,
    providers: [Credentials({ credentials: {}, authorize: (c) => (c.password === 'pw' ? { id: String(c.username), name: String(c.username) } : null) })],
    ...extra,
  }
  return { cfg, mail }
}

async function attempt(b: Browser, username: string, password: string, ip?: string, headers: Record<string, string> = {}) {
  const csrfToken = await b.csrf()
  return b.fetch('/auth/callback/credentials', {
    form: { csrfToken, username, password },
    headers: { ...(ip ? { 'x-forwarded-for': `203.0.113.9, ${ip}` } : {}), ...headers },
  })
}

describe('rate limiting credentials sign-in', () => {
  it('answers 429 with Retry-After once an identifier is over its limit, before authorize() runs', async () => {
    let calls = 0
    const { cfg } = config({ identifier: { max: 3, windowSeconds: 60 }, ip: false })
    const provider = cfg.providers[0] as ReturnType<typeof Credentials>
    cfg.providers = [{ ...provider, authorize: (c, r) => (calls++, provider.authorize(c, r)) }]
    const b = new Browser(cfg)
    for (let i = 0; i < 3; i++) expect((await attempt(b, 'ada', 'wrong')).status).toBe(302)
    const limited = await attempt(b, 'Ada', 'pw')
    expect(limited.status).toBe(429)
    const retry = Number(limited.headers.get('retry-after'))
    expect(retry).toBeGreaterThan(0)
    expect(retry).toBeLessThanOrEqual(60)
    expect(await limited.json()).toMatchObject({ error: 'RateLimited', retryAfter: retry })
    expect(calls).toBe(3)
    expect(b.jar.has('authjs.session-token')).toBe(false)
    // Another identifier is not affected.
    expect((await attempt(b, 'bob', 'pw')).headers.get('location')).toBe('http://app.test/')
  })

  it('counts per app, not per config object: a config rebuilt for every request (lazy initialisation) is still limited', async () => {
    const secret = appSecret()
    const jar = new Map<string, string>()
    const statuses: number[] = []
    for (let i = 0; i < 3; i++) {
      // NextAuth((req) => ({ ... })) style: a new config object each time, the same app.
      const b = new Browser(config({ identifier: { max: 2, windowSeconds: 60 }, ip: false }, { secret }).cfg)
      b.jar = jar
      statuses.push((await attempt(b, 'ada', 'wrong')).status)
    }
    expect(statuses).toEqual([302, 302, 429])
    // Another app (another secret) in the same process keeps its own counters.
    const other = new Browser(config({ identifier: { max: 2, windowSeconds: 60 }, ip: false }).cfg)
    expect((await attempt(other, 'ada', 'wrong')).status).toBe(302)
  })

  it('a browser gets an HTML 429 page', async () => {
    const { cfg } = config({ identifier: { max: 1, windowSeconds: 60 }, ip: false })
    const b = new Browser(cfg)
    await attempt(b, 'ada', 'x')
    const res = await attempt(b, 'ada', 'x', undefined, { accept: 'text/html,application/xhtml+xml' })
    expect(res.status).toBe(429)
    expect(res.headers.get('content-type')).toMatch(/text\/html/)
    expect(res.headers.get('retry-after')).toMatch(/^\d+$/)
    expect(await res.text()).toContain('Too many attempts')
  })

  it('limits per client IP across identifiers; IPv6 is grouped by /64 in any textual form', async () => {
    const { cfg } = config({ identifier: false, ip: { max: 2, windowSeconds: 60 } })
    const b = new Browser(cfg)
    expect((await attempt(b, 'u1', 'x', '2001:db8:1:2::1')).status).toBe(302)
    expect((await attempt(b, 'u2', 'x', '2001:0DB8:0001:0002:ffff::9')).status).toBe(302)
    expect((await attempt(b, 'u3', 'x', '[2001:db8:1:2:0:0:0:77]:5000')).status).toBe(429)
    // Another /64 and an IPv4 client have their own counters; the mapped form of that IPv4 shares its counter.
    expect((await attempt(b, 'u4', 'x', '2001:db8:1:3::1')).status).toBe(302)
    expect((await attempt(b, 'u5', 'x', '198.51.100.7')).status).toBe(302)
    expect((await attempt(b, 'u6', 'x', '::ffff:198.51.100.7')).status).toBe(302)
    expect((await attempt(b, 'u7', 'x', '::ffff:c633:6407')).status).toBe(429)
  })

  it('a custom clientIp hook is used, and garbage addresses share one bucket', async () => {
    const { cfg } = config({ identifier: false, ip: { max: 1, windowSeconds: 60 }, clientIp: (r) => r.headers.get('x-client') })
    const b = new Browser(cfg)
    expect((await attempt(b, 'a', 'x', undefined, { 'x-client': 'not-an-ip' })).status).toBe(302)
    expect((await attempt(b, 'b', 'x', undefined, { 'x-client': 'also garbage' })).status).toBe(429)
  })

  it('a successful sign-in resets the identifier counter', async () => {
    const { cfg } = config({ identifier: { max: 2, windowSeconds: 60 }, ip: false })
    const b = new Browser(cfg)
    await attempt(b, 'ada', 'x')
    expect((await attempt(b, 'ada', 'pw')).headers.get('location')).toBe('http://app.test/')
    expect((await attempt(new Browser(cfg), 'ada', 'x')).status).toBe(302)
    expect((await attempt(new Browser(cfg), 'ada', 'x')).status).toBe(302)
    expect((await attempt(new Browser(cfg), 'ada', 'x')).status).toBe(429)
  })

  it('the window passes', async () => {
    let now = 0
    const store = new MemoryRateLimitStore({ now: () => now })
    const { cfg } = config({ store, identifier: { max: 1, windowSeconds: 60 }, ip: false })
    const b = new Browser(cfg)
    await attempt(b, 'ada', 'x')
    expect((await attempt(b, 'ada', 'x')).status).toBe(429)
    now += 60_000
    expect((await attempt(b, 'ada', 'x')).status).toBe(302)
  })

  it('is on by default (10 per identifier) and can be turned off', async () => {
    const on = config(undefined as unknown as RateLimitConfig).cfg
    delete on.rateLimit
    const b = new Browser(on)
    for (let i = 0; i < 10; i++) expect((await attempt(b, 'ada', 'x')).status).toBe(302)
    expect((await attempt(b, 'ada', 'x')).status).toBe(429)
    const off = new Browser(config(false).cfg)
    for (let i = 0; i < 12; i++) expect((await attempt(off, 'ada', 'x')).status).toBe(302)
  })

  it('concurrent attempts cannot slip past the limit', async () => {
    const { cfg } = config({ identifier: { max: 5, windowSeconds: 60 }, ip: false })
    const results = await Promise.all(Array.from({ length: 20 }, () => attempt(new Browser(cfg), 'ada', 'x')))
    expect(results.filter((r) => r.status === 302)).toHaveLength(5)
    expect(results.filter((r) => r.status === 429)).toHaveLength(15)
  })
})

describe('rate limiting email sign-in', () => {
  it('limits links per address (after normalization) and per IP, sending nothing when limited', async () => {
    const { cfg, mail } = config({ identifier: { max: 2, windowSeconds: 600 }, ip: { max: 4, windowSeconds: 600 } })
    cfg.adapter = MemoryAdapter()
    cfg.providers = [mail.provider]
    const b = new Browser(cfg)
    const send = (email: string, ip = '192.0.2.1') => b.csrf().then((csrfToken) => b.fetch('/auth/signin/email', { form: { csrfToken, email }, headers: { 'x-forwarded-for': ip } }))
    expect((await send('ada@example.com')).status).toBe(302)
    expect((await send('ADA@example.com')).status).toBe(302)
    const limited = await send(' ada@EXAMPLE.com')
    expect(limited.status).toBe(429)
    expect(limited.headers.get('retry-after')).toMatch(/^\d+$/)
    expect(mail.sent).toHaveLength(2)
    expect((await send('bob@example.com')).status).toBe(302)
    // 4 attempts from this IP so far; the 5th from it is refused whatever the address.
    expect((await send('carol@example.com')).status).toBe(429)
    expect((await send('carol@example.com', '192.0.2.2')).status).toBe(302)
    expect(mail.sent.map((m) => m.identifier)).toEqual(['ada@example.com', 'ada@example.com', 'bob@example.com', 'carol@example.com'])
    void requestLink
  })
})
