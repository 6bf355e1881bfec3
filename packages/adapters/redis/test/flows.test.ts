import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { Redis } from 'ioredis'
import type { AuthConfig } from '@latch/core'
import Credentials from '@latch/core/providers/credentials'
import { signOutEverywhere } from '@latch/core/sessions'
import { RedisAdapter, RedisRateLimitStore } from '../src/index.js'
import { assertReachable, dropPrefix, testRedis, uniquePrefix } from './redis.js'
import { Browser, SECRET } from '../../../core/test/support/client.js'
import { capturingEmail, openLink, requestLink } from '../../../core/test/support/mail.js'
import { quietLogger } from '../../../core/test/support/fake-oauth.js'

const redis = testRedis()
const prefix = uniquePrefix('flows')
const adapter = RedisAdapter(redis, { prefix })
const COOKIE = 'authjs.session-token'

beforeAll(async () => {
  await assertReachable(redis)
  await adapter.createUser({ id: 'r-ada', email: 'ada@redis.example', emailVerified: null, name: 'Ada' })
})
afterAll(async () => {
  await dropPrefix(redis, prefix)
  await redis.quit()
})

function config(extra: Partial<AuthConfig> = {}) {
  const mail = capturingEmail({ maxAge: 900 })
  const cfg: AuthConfig = {
    secret: SECRET,
    url: 'http://app.test',
    logger: quietLogger,
    adapter,
    session: { maxAge: 7200, updateAge: 600 },
    providers: [
      mail.provider,
      Credentials({ credentials: {}, authorize: (c) => (c.password === 'pw' ? { id: 'r-ada', email: 'ada@redis.example' } : null) }),
    ],
    ...extra,
  }
  return { cfg, mail }
}

describe('Latch on @latch/adapter-redis (real Redis)', () => {
  it('sessions and verification tokens carry TTLs at their expiry', async () => {
    const { cfg, mail } = config()
    await requestLink(new Browser(cfg), 'ttl@redis.example')
    const [vtKey] = await redis.keys(`${prefix}vt:*`)
    const vtTtl = await redis.pttl(vtKey!)
    expect(vtTtl).toBeGreaterThan(890_000)
    expect(vtTtl).toBeLessThanOrEqual(900_000)
    const b = new Browser(cfg)
    await openLink(b, mail.last().url)
    expect(await redis.exists(vtKey!)).toBe(0)
    const sessionTtl = await redis.pttl(`${prefix}session:${b.jar.get(COOKIE)}`)
    expect(sessionTtl).toBeGreaterThan(7_190_000)
    expect(sessionTtl).toBeLessThanOrEqual(7_200_000)
  })

  it('a failed command inside a MULTI is an error, not a silent half-write', async () => {
    // The user's session index is a string, so SADD inside the MULTI fails with WRONGTYPE.
    await redis.set(`${prefix}user-sessions:multi-user`, 'not a set')
    const expires = new Date(Date.now() + 60_000)
    await expect(adapter.createSession({ sessionToken: 'multi-a', userId: 'multi-user', expires })).rejects.toThrow(/WRONGTYPE/)
    await redis.del(`${prefix}user-sessions:multi-user`)
    await adapter.createSession({ sessionToken: 'multi-b', userId: 'multi-owner', expires })
    await redis.set(`${prefix}user-sessions:multi-user`, 'not a set')
    await expect(adapter.updateSession({ sessionToken: 'multi-b', userId: 'multi-user' })).rejects.toThrow(/WRONGTYPE/)
  })

  it('one magic link, six concurrent callbacks: exactly one session', async () => {
    const { cfg, mail } = config()
    await requestLink(new Browser(cfg), 'race@redis.example')
    const browsers = Array.from({ length: 6 }, () => new Browser(cfg))
    const results = await Promise.all(browsers.map((b) => openLink(b, mail.last().url)))
    expect(results.filter((r) => r.headers.get('location') === 'http://app.test/')).toHaveLength(1)
    const user = await adapter.getUserByEmail('race@redis.example')
    expect(await adapter.listSessions(user!.id)).toHaveLength(1)
  })

  it('credentials with database sessions; sign-out deletes the key; sign out everywhere ends JWTs', async () => {
    const { cfg } = config()
    const b = new Browser(cfg)
    await b.signInWithCredentials({ username: 'ada', password: 'pw' })
    const key = `${prefix}session:${b.jar.get(COOKIE)}`
    expect(await redis.exists(key)).toBe(1)
    expect((await b.session()).user.email).toBe('ada@redis.example')
    const csrfToken = await b.csrf()
    await b.fetch('/auth/signout', { form: { csrfToken } })
    expect(await redis.exists(key)).toBe(0)

    const jwt = config({ session: { strategy: 'jwt' } }).cfg
    const j = new Browser(jwt)
    await j.signInWithCredentials({ username: 'ada', password: 'pw' })
    expect(await j.session()).not.toBeNull()
    await signOutEverywhere(jwt, 'r-ada')
    expect(await j.session()).toBeNull()
  })
})

describe('RedisRateLimitStore', () => {
  it('counts atomically under concurrency and reports the window', async () => {
    const store = new RedisRateLimitStore(redis, { prefix })
    const hits = await Promise.all(Array.from({ length: 25 }, () => store.hit('concurrent', 60_000)))
    expect(hits.map((h) => h.count).sort((a, b) => a - b)).toEqual(Array.from({ length: 25 }, (_, i) => i + 1))
    for (const h of hits) expect(h.resetMs).toBeGreaterThan(59_000)
    await store.reset('concurrent')
    expect((await store.hit('concurrent', 60_000)).count).toBe(1)
  })

  it('is shared by two app instances: 429 with Retry-After, IPv6 grouped by /64', async () => {
    const store = new RedisRateLimitStore(redis, { prefix })
    const rateLimit = { store, identifier: { max: 3, windowSeconds: 120 }, ip: { max: 4, windowSeconds: 120 } }
    const instanceA = config({ rateLimit, trustHost: true }).cfg
    const instanceB = config({ rateLimit, trustHost: true }).cfg
    const attempt = async (cfg: AuthConfig, username: string, ip: string) => {
      const b = new Browser(cfg)
      const csrfToken = await b.csrf()
      return b.fetch('/auth/callback/credentials', { form: { csrfToken, username, password: 'bad' }, headers: { 'x-forwarded-for': ip } })
    }
    expect((await attempt(instanceA, 'eve', '2001:db8:aa:1::1')).status).toBe(302)
    expect((await attempt(instanceB, 'EVE', '2001:db8:bb:1::1')).status).toBe(302)
    expect((await attempt(instanceA, 'eve', '2001:db8:cc:1::1')).status).toBe(302)
    const limited = await attempt(instanceB, 'eve', '2001:db8:dd:1::1')
    expect(limited.status).toBe(429)
    const retry = Number(limited.headers.get('retry-after'))
    expect(retry).toBeGreaterThan(100)
    expect(retry).toBeLessThanOrEqual(120)
    // Per-IP: four addresses of one /64 in different spellings share a counter.
    const spellings = ['2001:db8:ee:1::1', '2001:DB8:EE:1:0:0:0:2', '2001:0db8:00ee:0001::3', '[2001:db8:ee:1::4]:9999']
    for (const [i, ip] of spellings.entries()) expect((await attempt(i % 2 ? instanceA : instanceB, `user${i}`, ip)).status).toBe(302)
    expect((await attempt(instanceA, 'user9', '2001:db8:ee:1:ffff::9')).status).toBe(429)
    expect((await attempt(instanceA, 'user9', '2001:db8:ee:2::9')).status).toBe(302)
  })
})

describe('an unreachable Redis', () => {
  it('fails loudly with the command that starts it', async () => {
    const dead = new Redis('redis://127.0.0.1:1', { lazyConnect: true, connectTimeout: 500, maxRetriesPerRequest: 0, retryStrategy: () => null })
    dead.on('error', () => {})
    await expect(assertReachable(dead)).rejects.toThrow(/not reachable.*redis-server --daemonize yes/)
    dead.disconnect()
  })
})

describe('the single-Redis key layout', () => {
  it('keeps the historical key names (no hash tags), so existing data is read as before', async () => {
    expect(await redis.get(`${prefix}email:ada%40redis.example`)).toBe('r-ada')
    expect(JSON.parse((await redis.get(`${prefix}user:r-ada`))!).email).toBe('ada@redis.example')
    await adapter.bumpSessionVersion('r-ada')
    expect(Number(await redis.get(`${prefix}sv:r-ada`))).toBeGreaterThan(0)
    expect(await redis.keys(`${prefix}*{*`)).toEqual([])
  })
})
