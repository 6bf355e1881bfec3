import { afterAll } from 'vitest'
import { RedisAdapter } from '../src/index.js'
import { decodeAccount, decodeSession, decodeToken, decodeUser, seg } from '../src/codec.js'
import { assertReachable, dropPrefix, testRedis, uniquePrefix } from './redis.js'
import { authJsSuiteAvailable, runAuthJsAdapterSuite, skipAuthJsAdapterSuite } from '../../../core/test/support/authjs-adapter-suite.js'

// Auth.js's own adapter suite with its WebAuthn tests, on @latch/adapter-redis; `db` reads the keys directly.
if (authJsSuiteAvailable()) {
  const redis = testRedis()
  const p = uniquePrefix('authjs-suite')
  afterAll(async () => {
    await dropPrefix(redis, p)
    await redis.quit().catch(() => {})
  })
  await runAuthJsAdapterSuite({
    adapter: RedisAdapter(redis, { prefix: p }),
    db: {
      connect: () => assertReachable(redis),
      user: async (id: string) => decodeUser(await redis.get(`${p}user:${seg(id)}`)),
      session: async (token: string) => decodeSession(await redis.get(`${p}session:${seg(token)}`)),
      account: async ({ provider, providerAccountId }: { provider: string; providerAccountId: string }) =>
        decodeAccount(await redis.get(`${p}account:${seg(provider)}:${seg(providerAccountId)}`)),
      verificationToken: async ({ identifier, token }: { identifier: string; token: string }) => decodeToken(await redis.get(`${p}vt:${seg(identifier)}:${seg(token)}`)),
      authenticator: async (id: string) => {
        const raw = await redis.get(`${p}authenticator:${seg(id)}`)
        return raw === null ? null : JSON.parse(raw)
      },
    },
  })
} else {
  skipAuthJsAdapterSuite('redis')
}
