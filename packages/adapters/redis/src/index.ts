import type { Cluster, Redis } from 'ioredis'
import type { Adapter, AdapterAccount, AdapterSession, AdapterUser } from '@latch/core'
import { bounded, DEFAULT_TIMEOUT_MS } from '@latch/core/store'
import { decodeAccount, decodeSession, decodeToken, decodeUser, encode, seg, ttlMs } from './codec.js'

import { redisRefreshLock } from './refresh-lock.js'
import { redisPasskeys } from './authenticators.js'
import { passwordKey, redisPasswords } from './passwords.js'
import { redisTwoFactor, twoFactorKeys } from './two-factor.js'
import { isClusterClient, keyLayout } from './keys.js'
import { crossSlot } from './cross-slot.js'

export { RedisRateLimitStore } from './rate-limit-store.js'
export { migrateToClusterLayout } from './migrate-cluster.js'

export interface RedisAdapterOptions {
  /** Prefix of every key. Default `latch:`. */
  prefix?: string
  /**
   * Most milliseconds one adapter method may take before Latch answers 503 (StoreUnavailable). Default 5000; 0 turns
   * the bound off. Also set ioredis's `commandTimeout` and `maxRetriesPerRequest` (see docs/guides/several-instances.md).
   */
  timeoutMs?: number
  /**
   * Use the Redis Cluster key layout (per-user hash tags, no command across slots). Default: on when `redis` is an
   * ioredis `Cluster`. Ignored (the single-Redis layout is kept) when `prefix` already carries a hash tag such as
   * `{latch}:`, which puts every key in one slot. See docs/guides/several-instances.md.
   */
  cluster?: boolean
}

/**
 * Optional methods other changes implement here (passwords, passkeys); each group leaves this list as it lands.
 */
type Pending =
  | never

export type RedisAdapter = Required<Omit<Adapter, Pending>> & Pick<Adapter, Pending>

/**
 * The Latch adapter for Redis on `ioredis`. Sessions and verification tokens expire by themselves (a Redis
 * TTL at their `expires`); `useVerificationToken` is a single GETDEL, so a token is handed out once.
 * Keys: user:<id>, email:<email>, account:<provider>:<id>, session:<token>, vt:<identifier>:<token>,
 * sv:<userId>, password:<userId>, and per-user index sets user-accounts:<id>, user-sessions:<id>; refresh-lock:<hash> and
 * refresh-result:<hash> for refresh-token rotation across instances (refresh-lock.ts); authenticator:<credentialID> and
 * user-authenticators:<id> for passkeys (authenticators.ts); 2fa:<id>, 2fa-codes:<id>, 2fa-on:<id> for two-factor
 * sign-in (two-factor.ts).
 * On a Redis Cluster (an ioredis `Cluster`, or `cluster: true`) the keys a user owns are `<kind>:{u:<id>}` instead
 * (one hash slot per user, keys.ts) and commands across slots are split per key (cross-slot.ts).
 */
/** A new user's first session version: random (below 2^30), so a deleted user's JWTs never match a new user with the same id. */
function initialSessionVersion(): number {
  return crypto.getRandomValues(new Uint32Array(1))[0]! >>> 2
}

export function RedisAdapter(client: Redis | Cluster, options: RedisAdapterOptions = {}): RedisAdapter {
  const p = options.prefix ?? 'latch:'
  // Cluster and Redis share the command API; the cluster layout keeps every command inside one slot.
  const redis = client as Redis
  const { cluster, owned } = keyLayout(p, options.cluster ?? isClusterClient(client))
  const multi = crossSlot(redis, cluster)
  const k = {
    user: (id: string) => owned('user', id),
    email: (email: string) => `${p}email:${seg(email)}`,
    account: (provider: string, id: string) => `${p}account:${seg(provider)}:${seg(id)}`,
    userAccounts: (id: string) => owned('user-accounts', id),
    session: (token: string) => `${p}session:${seg(token)}`,
    userSessions: (id: string) => owned('user-sessions', id),
    token: (identifier: string, token: string) => `${p}vt:${seg(identifier)}:${seg(token)}`,
    version: (id: string) => owned('sv', id),
  }

  async function getUser(id: string): Promise<AdapterUser | null> {
    return decodeUser(await redis.get(k.user(String(id))))
  }

  const passkeys = redisPasskeys(redis, p, { account: k.account, user: k.user, owned, cluster })

  const adapter: RedisAdapter = {
    // getSessionAndUser's user carries twoFactorEnabled: true when enrolled (two-factor/enabled.ts).
    reportsTwoFactorEnabled: () => true,
    ...redisRefreshLock(redis, p),
    ...passkeys.methods,
    ...redisPasswords(redis, owned, k.user),
    ...redisTwoFactor(redis, owned),
    async createUser(user) {
      const id = typeof user.id === 'string' && user.id ? user.id : crypto.randomUUID()
      const created: AdapterUser = { ...user, id, emailVerified: user.emailVerified ?? null }
      if (created.email && !(await redis.set(k.email(created.email), id, 'NX'))) {
        throw new Error('createUser: a user with this email already exists')
      }
      // The version first: the user exists (getSessionVersion) only once both keys are there.
      await redis.set(k.version(id), String(initialSessionVersion()))
      await redis.set(k.user(id), encode(created))
      return created
    },
    getUser,
    async getUserByEmail(email) {
      const id = await redis.get(k.email(email))
      return id === null ? null : getUser(id)
    },
    async getUserByAccount({ provider, providerAccountId }) {
      const account = decodeAccount(await redis.get(k.account(provider, providerAccountId)))
      return account ? getUser(account.userId) : null
    },
    async updateUser(patch) {
      const existing = await getUser(patch.id)
      if (!existing) throw new Error(`updateUser: no user with id ${patch.id}`)
      const updated: AdapterUser = { ...existing }
      for (const [key, v] of Object.entries(patch)) if (v !== undefined) (updated as unknown as Record<string, unknown>)[key] = v
      if (updated.email !== existing.email) {
        if (updated.email && !(await redis.set(k.email(updated.email), updated.id, 'NX'))) {
          throw new Error('updateUser: a user with this email already exists')
        }
        if (existing.email) await redis.del(k.email(existing.email))
      }
      await redis.set(k.user(updated.id), encode(updated))
      return updated
    },
    async deleteUser(userId) {
      const user = await getUser(userId)
      if (!user) return null
      const [accounts, sessions] = await Promise.all([redis.smembers(k.userAccounts(userId)), redis.smembers(k.userSessions(userId))])
      // The keys found by other ids first, the user's own keys (one slot: one DEL) last: a failure part-way
      // leaves the user and its indexes in place, so deleteUser can simply run again.
      const passkeyKeys = await passkeys.passkeyKeys(userId)
      const elsewhere = [...accounts, ...sessions.map(k.session), ...passkeyKeys.elsewhere]
      if (user.email) elsewhere.push(k.email(user.email))
      const own = [k.user(userId), k.userAccounts(userId), k.userSessions(userId), k.version(userId), passwordKey(owned, userId), passkeyKeys.own]
      own.push(...Object.values(twoFactorKeys(owned, userId)))
      if (cluster) await multi.delMany(elsewhere)
      await redis.del(...own, ...(cluster ? [] : elsewhere))
      return user
    },
    async linkAccount(account) {
      const key = k.account(account.provider, account.providerAccountId)
      const stored: AdapterAccount = { ...account, userId: String(account.userId) }
      if (!(await redis.set(key, encode(stored), 'NX'))) throw new Error('linkAccount: this account is already linked')
      await redis.sadd(k.userAccounts(stored.userId), key)
      return stored
    },
    async listAccounts(userId) {
      const keys = await redis.smembers(k.userAccounts(userId))
      if (!keys.length) return []
      const found = (await multi.getMany(keys)).map(decodeAccount).filter((a): a is NonNullable<typeof a> => a !== null)
      return found.sort((a, b) => (a.provider + '\0' + a.providerAccountId < b.provider + '\0' + b.providerAccountId ? -1 : 1))
    },
    async unlinkAccount({ provider, providerAccountId }) {
      const key = k.account(provider, providerAccountId)
      const account = decodeAccount(await redis.getdel(key))
      if (account) await redis.srem(k.userAccounts(account.userId), key)
      return account ?? undefined
    },
    async createSession({ sessionToken, userId, expires }) {
      const session: AdapterSession = { sessionToken, userId: String(userId), expires: new Date(expires) }
      // On a cluster the index first: a session is never live without being listed (a listed token whose
      // session never came is pruned by listSessions).
      await multi.together([(c) => c.sadd(k.userSessions(session.userId), sessionToken), (c) => c.set(k.session(sessionToken), encode(session), 'PX', ttlMs(expires))])
      return session
    },
    async getSessionAndUser(sessionToken) {
      const session = decodeSession(await redis.get(k.session(sessionToken)))
      if (!session) return null
      // The user and its two-factor flag (two-factor/) in one round trip (one slot on a cluster too).
      const [raw, twoFactorOn] = await redis.mget(k.user(String(session.userId)), twoFactorKeys(owned, session.userId).on)
      const user = decodeUser(raw ?? null)
      return user ? { session, user: twoFactorOn ? { ...user, twoFactorEnabled: true } : user } : null
    },
    async updateSession(patch) {
      const existing = decodeSession(await redis.get(k.session(patch.sessionToken)))
      if (!existing) return null
      const updated: AdapterSession = { ...existing }
      if (patch.expires) updated.expires = new Date(patch.expires)
      if (patch.userId && patch.userId !== existing.userId) {
        updated.userId = patch.userId
        // Two users' indexes: two slots on a cluster, so the new owner's index first (never unlisted).
        await multi.together([
          (c) => c.sadd(k.userSessions(updated.userId), existing.sessionToken),
          (c) => c.srem(k.userSessions(existing.userId), existing.sessionToken),
        ])
      }
      // XX: a session deleted meanwhile (sign-out on another tab) is not resurrected.
      const ok = await redis.set(k.session(updated.sessionToken), encode(updated), 'PX', ttlMs(updated.expires), 'XX')
      return ok ? updated : null
    },
    async deleteSession(sessionToken) {
      const session = decodeSession(await redis.getdel(k.session(sessionToken)))
      if (session) await redis.srem(k.userSessions(session.userId), sessionToken)
      return session
    },
    async createVerificationToken(token) {
      await redis.set(k.token(token.identifier, token.token), encode(token), 'PX', ttlMs(token.expires))
      return token
    },
    async useVerificationToken({ identifier, token }) {
      // GETDEL is atomic: of any number of concurrent callers, exactly one gets the token.
      return decodeToken(await redis.getdel(k.token(identifier, token)))
    },
    async listSessions(userId) {
      const tokens = await redis.smembers(k.userSessions(userId))
      if (!tokens.length) return []
      const raws = await multi.getMany(tokens.map(k.session))
      // Tokens whose session expired (its TTL) leave the index.
      const gone = tokens.filter((_, i) => raws[i] === null)
      if (gone.length) await redis.srem(k.userSessions(userId), ...gone)
      return raws.map(decodeSession).filter((s): s is AdapterSession => s !== null)
    },
    async deleteSessionsByUser(userId) {
      const tokens = await redis.smembers(k.userSessions(userId))
      if (!cluster) return void (await redis.del(k.userSessions(userId), ...tokens.map(k.session)))
      // Cluster: the sessions (each in its own slot), then only their tokens leave the index, so a session
      // created meanwhile stays listed.
      await multi.delMany(tokens.map(k.session))
      if (tokens.length) await redis.srem(k.userSessions(userId), ...tokens)
    },
    async getSessionVersion(userId) {
      // Two single-key reads in parallel (the user's own keys share a slot on a cluster, but MGET is not needed).
      const [version, exists] = await Promise.all([redis.get(k.version(userId)), redis.exists(k.user(userId))])
      return exists ? Number(version ?? 0) : null
    },
    async bumpSessionVersion(userId) {
      return redis.incr(k.version(userId))
    },
  }
  // Every method settles within the bound: a Redis that is down or reconnecting is a 503, not a hung request.
  const timeoutMs = options.timeoutMs ?? DEFAULT_TIMEOUT_MS
  const out = {} as Record<string, unknown>
  for (const [name, fn] of Object.entries(adapter) as [string, unknown][]) {
    out[name] = typeof fn === 'function' ? (...args: unknown[]) => bounded(fn(...args), timeoutMs, 'Redis') : fn
  }
  return out as RedisAdapter
}

export default RedisAdapter
