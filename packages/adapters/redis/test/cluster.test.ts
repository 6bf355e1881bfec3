import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Cluster } from 'ioredis'
import { defineAdapterSuite } from '@latch/core/testing/adapter'
import { defineRefreshRaceSuite } from '@latch/core/testing/refresh-race'
import { migrateToClusterLayout, RedisAdapter, RedisRateLimitStore } from '../src/index.js'
import { ownCluster } from './own-cluster.js'
import { serveWeb } from '../../../core/test/support/serve-web.js'

// The whole adapter on a real 3-master Redis Cluster this file starts itself (spare ports, temp dir), through
// ioredis `Cluster` clients: keys of one request land on different masters, so a cross-slot command fails CROSSSLOT.
let cluster: Awaited<ReturnType<typeof ownCluster>>
let redis: Cluster
beforeAll(async () => {
  cluster = await ownCluster()
  redis = cluster.client()
  await redis.ping()
}, 60_000)
afterAll(() => cluster?.destroy())

const prefix = 'latch-cluster-test:'

defineAdapterSuite({
  name: '@latch/adapter-redis on Redis Cluster',
  adapter: () => RedisAdapter(redis, { prefix }),
})

defineRefreshRaceSuite({
  name: '@latch/adapter-redis on Redis Cluster',
  // Three instances: three Cluster clients over the same cluster.
  instances: () => [redis, cluster.client(), cluster.client()].map((c) => RedisAdapter(c, { prefix })),
  serve: serveWeb,
})

describe('RedisRateLimitStore on Redis Cluster', () => {
  it('counts atomically under concurrency, across keys on different masters', async () => {
    const store = new RedisRateLimitStore(redis, { prefix })
    const keys = ['ip:a', 'ip:b', 'identifier:c', 'identifier:d']
    const hits = await Promise.all(keys.flatMap((key) => Array.from({ length: 10 }, () => store.hit(key, 60_000).then((h) => ({ key, ...h })))))
    for (const key of keys) {
      const mine = hits.filter((h) => h.key === key)
      expect(mine.map((h) => h.count).sort((a, b) => a - b)).toEqual(Array.from({ length: 10 }, (_, i) => i + 1))
      for (const h of mine) expect(h.resetMs).toBeGreaterThan(59_000)
    }
    await store.reset('ip:a')
    expect((await store.hit('ip:a', 60_000)).count).toBe(1)
  })

  it('is shared by two clients (two instances)', async () => {
    const a = new RedisRateLimitStore(redis, { prefix })
    const b = new RedisRateLimitStore(cluster.client(), { prefix })
    for (let i = 1; i <= 6; i++) expect((await (i % 2 ? a : b).hit('shared', 60_000)).count).toBe(i)
  })
})

describe('the cluster key layout', () => {
  it("puts one user's keys in one hash slot and keeps token, email and account keys unchanged", async () => {
    const adapter = RedisAdapter(redis, { prefix })
    const user = await adapter.createUser({ id: 'slot:user', email: 'slot@cluster.example', emailVerified: null })
    await adapter.linkAccount({ userId: user.id, type: 'oauth', provider: 'p', providerAccountId: 'acc' })
    const expires = new Date(Date.now() + 60_000)
    for (const t of ['s1', 's2', 's3', 's4', 's5']) await adapter.createSession({ sessionToken: t, userId: user.id, expires })
    await adapter.setPasswordHash(user.id, 'hash')
    await adapter.bumpSessionVersion(user.id)
    const tag = '{u:slot%3Auser}'
    const userKeys = ['user', 'user-accounts', 'user-sessions', 'sv', 'password'].map((k) => `${prefix}${k}:${tag}`)
    const slots = await Promise.all(userKeys.map((k) => redis.cluster('KEYSLOT', k)))
    expect(new Set(slots).size).toBe(1)
    for (const k of userKeys) expect(await redis.exists(k)).toBe(1)
    expect(await redis.get(`${prefix}email:slot%40cluster.example`)).toBe('slot:user')
    expect(await redis.exists(`${prefix}account:p:acc`)).toBe(1)
    expect(await redis.exists(`${prefix}session:s3`)).toBe(1)
    // Session tokens spread over several masters, and listing and deleting them still works.
    const sessionSlots = await Promise.all(['s1', 's2', 's3', 's4', 's5'].map((t) => redis.cluster('KEYSLOT', `${prefix}session:${t}`)))
    expect(new Set(sessionSlots).size).toBeGreaterThan(1)
    expect(await adapter.listSessions(user.id)).toHaveLength(5)
    await adapter.deleteSession('s1')
    expect(await adapter.listSessions(user.id)).toHaveLength(4)
    await adapter.deleteUser(user.id)
    for (const k of [...userKeys, `${prefix}email:slot%40cluster.example`, `${prefix}account:p:acc`, `${prefix}session:s3`]) {
      expect(await redis.exists(k)).toBe(0)
    }
  })

  it('a prefix with its own hash tag keeps the single-Redis key names (every key in that one slot)', async () => {
    const tagged = '{latch-tagged}:'
    const adapter = RedisAdapter(redis, { prefix: tagged })
    const user = await adapter.createUser({ id: 'tagged', email: 'tagged@cluster.example', emailVerified: null })
    const expires = new Date(Date.now() + 60_000)
    for (const t of ['t1', 't2']) await adapter.createSession({ sessionToken: t, userId: user.id, expires })
    expect(await redis.exists(`${tagged}user:tagged`)).toBe(1)
    expect((await redis.smembers(`${tagged}user-sessions:tagged`)).sort()).toEqual(['t1', 't2'])
    expect(await adapter.listSessions(user.id)).toHaveLength(2)
    await adapter.deleteUser(user.id)
    expect(await redis.exists(`${tagged}user:tagged`, `${tagged}session:t1`, `${tagged}email:tagged%40cluster.example`)).toBe(0)
  })

  it('refuses a prefix with an empty or unclosed hash tag on a cluster (Redis would hash another part of each key)', () => {
    expect(() => RedisAdapter(redis, { prefix: '{}:' })).toThrow(/prefix.*hash tag/)
    expect(() => RedisAdapter(redis, { prefix: 'app{' })).toThrow(/prefix.*hash tag/)
    expect(() => RedisAdapter(redis, { prefix: 'app{', cluster: false })).not.toThrow()
  })

  it('migrateToClusterLayout moves the per-user keys an earlier version wrote on a cluster, once', async () => {
    const old = 'latch-cluster-migrate:'
    const id = 'old:user'
    const e = encodeURIComponent(id)
    const expires = new Date(Date.now() + 60_000)
    // What an earlier version could write on a cluster (single-key commands only): the old per-user names.
    await redis.set(`${old}user:${e}`, JSON.stringify({ id, email: 'old@cluster.example', emailVerified: null }))
    await redis.set(`${old}email:old%40cluster.example`, id)
    await redis.set(`${old}sv:${e}`, '3')
    await redis.set(`${old}password:${e}`, 'old-hash')
    await redis.sadd(`${old}user-sessions:${e}`, 'old-token')
    await redis.set(`${old}session:old-token`, JSON.stringify({ sessionToken: 'old-token', userId: id, expires }), 'PX', 60_000)
    const adapter = RedisAdapter(redis, { prefix: old })
    expect(await adapter.getUser(id)).toBeNull() // not migrated: the cluster layout does not see it
    expect(await migrateToClusterLayout(redis, { prefix: old })).toEqual({ moved: 4, skipped: 0 })
    expect((await adapter.getUserByEmail('old@cluster.example'))?.id).toBe(id)
    expect((await adapter.getSessionAndUser('old-token'))?.user.email).toBe('old@cluster.example')
    expect(await adapter.listSessions(id)).toHaveLength(1)
    expect(await adapter.getSessionVersion(id)).toBe(3)
    expect(await adapter.getPasswordHash(id)).toBe('old-hash')
    for (const kind of ['user', 'sv', 'password', 'user-sessions']) expect(await redis.exists(`${old}${kind}:${e}`)).toBe(0)
    expect(await migrateToClusterLayout(redis, { prefix: old })).toEqual({ moved: 0, skipped: 0 })
    await adapter.deleteUser(id)
  })
})
