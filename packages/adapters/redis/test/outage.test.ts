import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { Redis } from 'ioredis'
import type { AuthConfig } from '@latch/core'
import Credentials from '@latch/core/providers/credentials'
import { RedisAdapter, RedisRateLimitStore } from '../src/index.js'
import { ownRedis } from './own-redis.js'
import { Browser, SECRET } from '../../../core/test/support/client.js'
import { capturingEmail, openLink, requestLink } from '../../../core/test/support/mail.js'
import { quietLogger } from '../../../core/test/support/fake-oauth.js'

/**
 * Redis going away under Latch (a server of the test's own): frozen, then killed and restarted. While it does not
 * answer, session checks answer 503 + Retry-After and sign-ins go to the error page within the bound, nothing is
 * granted (the rate limiter fails closed too); afterwards the same cookies and magic links work, with no app restart.
 */
const COOKIE = 'authjs.session-token'
let server: Awaited<ReturnType<typeof ownRedis>>
let redis: Redis
const unhandled: unknown[] = []
const onUnhandled = (e: unknown) => void unhandled.push(e)

beforeAll(async () => {
  process.on('unhandledRejection', onUnhandled)
  process.on('uncaughtException', onUnhandled)
  server = await ownRedis()
  // What docs/guides/several-instances.md recommends: a command timeout, few retries per command, reconnect forever.
  redis = new Redis(server.url, { commandTimeout: 1_500, maxRetriesPerRequest: 1, retryStrategy: (n) => Math.min(n * 100, 1_000) })
  redis.on('error', () => {})
  await redis.ping()
}, 30_000)

afterAll(async () => {
  process.off('unhandledRejection', onUnhandled)
  process.off('uncaughtException', onUnhandled)
  redis?.disconnect()
  await server?.destroy()
})

function config() {
  const mail = capturingEmail()
  const cfg: AuthConfig = {
    secret: SECRET,
    url: 'http://app.test',
    logger: quietLogger,
    adapter: RedisAdapter(redis, { timeoutMs: 2_500 }),
    rateLimit: { store: new RedisRateLimitStore(redis, { timeoutMs: 2_500 }), ip: false },
    providers: [
      mail.provider,
      Credentials({ credentials: {}, authorize: (c) => (c.username === 'ada' && c.password === 'pw' ? { id: 'r-own-ada', email: 'ada@own.example' } : null) }),
    ],
  }
  return { cfg, mail }
}

async function timed<T>(work: Promise<T>): Promise<[T, number]> {
  const t = Date.now()
  const out = await work
  return [out, Date.now() - t]
}

/** Every way in answers "unavailable", within the bound, granting nothing. */
async function expectUnavailable(cfg: AuthConfig, signedIn: Browser, magic?: { link: string; user: Browser }) {
  const [res, ms] = await timed(signedIn.fetch('/auth/session'))
  expect(res.status).toBe(503)
  expect(res.headers.get('retry-after')).toBe('5')
  expect(await res.json()).toMatchObject({ error: 'StoreUnavailable' })
  expect(ms).toBeLessThan(10_000)
  const fresh = new Browser(cfg)
  const [signin, ms2] = await timed(fresh.signInWithCredentials({ username: 'ada', password: 'pw' }))
  expect(ms2).toBeLessThan(10_000)
  expect(new URL(signin.headers.get('location')!).searchParams.get('error')).toBe('StoreUnavailable')
  expect(fresh.jar.has(COOKIE)).toBe(false)
  if (!magic) return
  const early = await openLink(magic.user, magic.link)
  expect(new URL(early.headers.get('location')!).searchParams.get('error')).toBe('StoreUnavailable')
  expect(magic.user.jar.has(COOKIE)).toBe(false)
}

async function eventually(b: Browser): Promise<unknown> {
  for (let i = 0; i < 40; i++) {
    const res = await b.fetch('/auth/session')
    if (res.status === 200) return res.json()
    await new Promise((r) => setTimeout(r, 250))
  }
  return null
}

describe('Redis frozen, killed and restarted under Latch (own server)', () => {
  it('503 / the error page while it does not answer, never a session; everything works again after, no data lost', async () => {
    const { cfg, mail } = config()
    await RedisAdapter(redis).createUser({ id: 'r-own-ada', email: 'ada@own.example', emailVerified: null, name: 'Ada' })
    const signedIn = new Browser(cfg)
    expect((await signedIn.signInWithCredentials({ username: 'ada', password: 'pw' })).headers.get('location')).toBe('http://app.test/')
    const linkUser = new Browser(cfg)
    await requestLink(linkUser, 'grace@own.example')
    const link = mail.last().url

    // Frozen: connections open, nothing answers.
    // (No magic link here: a GETDEL already sent to a frozen server runs when it wakes, after the 503, and spends the
    // link. At most once is the safe side; the user asks for a new link. See docs/guides/several-instances.md.)
    server.pause()
    try {
      await expectUnavailable(cfg, signedIn)
    } finally {
      server.resume()
    }
    expect(await eventually(signedIn)).toMatchObject({ user: { email: 'ada@own.example' } })

    // Killed: connection refused while ioredis reconnects.
    await server.kill()
    await expectUnavailable(cfg, signedIn, { link, user: linkUser })
    await server.start()

    expect(await eventually(signedIn)).toMatchObject({ user: { email: 'ada@own.example' } })
    expect((await openLink(linkUser, link)).headers.get('location')).toBe('http://app.test/')
    expect(await linkUser.session()).toMatchObject({ user: { email: 'grace@own.example' } })
    const again = new Browser(cfg)
    expect((await again.signInWithCredentials({ username: 'ada', password: 'pw' })).headers.get('location')).toBe('http://app.test/')
    expect(unhandled).toEqual([])
  }, 60_000)
})
