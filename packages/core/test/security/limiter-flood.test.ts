import { describe, expect, it } from 'vitest'
import type { AuthConfig } from '../../src/index.js'
import Credentials from '../../src/providers/credentials.js'
import { MemoryRateLimitStore } from '../../src/rate-limit/memory.js'
import { appSecret, Browser } from '../support/client.js'
import { quietLogger } from '../support/fake-oauth.js'

/**
 * Issue 12: the in-memory limiter is bounded, and flooding it with fresh keys must not evict a key that is over
 * (or at) its limit. The bound is small here so the flood is fast; the eviction order is what is tested.
 */
const MAX_KEYS = 100
const WINDOW = 600

function app(store: MemoryRateLimitStore): AuthConfig {
  return {
    secret: appSecret(),
    url: 'http://app.test',
    logger: quietLogger,
    rateLimit: { store, identifier: { max: 3, windowSeconds: WINDOW }, ip: false },
    providers: [
      Credentials({
        credentials: { email: { type: 'email' }, password: { type: 'password' } },
        authorize: (c) => (c.password === 'right' ? { id: String(c.email), email: String(c.email) } : null),
      }),
    ],
  }
}

async function attempt(cfg: AuthConfig, email: string, password = 'wrong') {
  const b = new Browser(cfg)
  const csrfToken = await b.csrf()
  return (await b.fetch('/auth/callback/credentials', { form: { csrfToken, email, password } })).status
}

/** What Auth() does for one attempt on a fresh identifier, straight at the store (100k requests would be slow). */
function junk(store: MemoryRateLimitStore, n: number, hitsEach = 1) {
  for (let i = 0; i < n; i++) {
    const key = `latch:rl:credentials:credentials:id:junk-${i}-${Math.random()}@example.com`
    for (let h = 0; h < hitsEach; h++) store.hit(key, WINDOW * 1000, 3)
  }
}

describe('in-memory limiter under a key flood', () => {
  it('a limited key stays limited after 100k junk keys (through Auth() and straight at the store)', async () => {
    const store = new MemoryRateLimitStore({ maxKeys: MAX_KEYS })
    const cfg = app(store)
    for (let i = 0; i < 3; i++) expect(await attempt(cfg, 'victim@example.com')).toBe(302)
    expect(await attempt(cfg, 'victim@example.com')).toBe(429)
    // Junk through the real handler, then a large flood at the store.
    for (let i = 0; i < 3 * MAX_KEYS; i++) await attempt(cfg, `junk${i}@example.com`)
    junk(store, 100_000)
    expect(store.size).toBeLessThanOrEqual(MAX_KEYS)
    expect(await attempt(cfg, 'victim@example.com', 'right')).toBe(429)
  })

  it('a key at its limit (the next attempt is refused) survives the flood too', async () => {
    const store = new MemoryRateLimitStore({ maxKeys: MAX_KEYS })
    const cfg = app(store)
    for (let i = 0; i < 3; i++) expect(await attempt(cfg, 'victim@example.com')).toBe(302)
    junk(store, 100_000)
    expect(await attempt(cfg, 'victim@example.com', 'right')).toBe(429)
  })

  it('junk hit more than once (to look valuable) still goes before a limited key', async () => {
    const store = new MemoryRateLimitStore({ maxKeys: MAX_KEYS })
    const cfg = app(store)
    for (let i = 0; i < 4; i++) await attempt(cfg, 'victim@example.com')
    junk(store, 20_000, 3)
    junk(store, 20_000, 2)
    expect(store.size).toBeLessThanOrEqual(MAX_KEYS)
    expect(await attempt(cfg, 'victim@example.com', 'right')).toBe(429)
  })

  it('expired windows go first, and the bound holds when every key is limited', () => {
    let now = 0
    const store = new MemoryRateLimitStore({ maxKeys: 10, now: () => now })
    for (let i = 0; i < 10; i++) for (let h = 0; h < 5; h++) store.hit(`old${i}`, 1000, 3)
    now = 2000
    for (let i = 0; i < 10; i++) for (let h = 0; h < 5; h++) store.hit(`new${i}`, 1000, 3)
    expect(store.size).toBe(10)
    expect(store.hit('new0', 1000, 3).count).toBe(6)
    // All limited: a new key still gets a counter, the bound holds.
    store.hit('late', 1000, 3)
    expect(store.size).toBeLessThanOrEqual(10)
    expect(store.hit('late', 1000, 3).count).toBe(2)
  })
})
