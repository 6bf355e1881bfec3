import type { Redis } from 'ioredis'
import type { Adapter, AdapterAuthenticator } from '@latch/core'
import { decodeAccount, encode, seg } from './codec.js'

type PasskeyMethods = Required<
  Pick<Adapter, 'getAccount' | 'getAuthenticator' | 'createAuthenticator' | 'listAuthenticatorsByUserId' | 'updateAuthenticatorCounter' | 'deleteAuthenticator'>
>

const decode = (raw: string | null): AdapterAuthenticator | null => (raw === null ? null : (JSON.parse(raw) as AdapterAuthenticator))

// Sets the counter only on an existing record, in one step (no lost update between a read and a write).
const SET_COUNTER = `local raw = redis.call('GET', KEYS[1])
if not raw then return false end
local a = cjson.decode(raw)
a['counter'] = tonumber(ARGV[1])
local out = cjson.encode(a)
redis.call('SET', KEYS[1], out)
return out`

/**
 * Passkeys on Redis: authenticator:<credentialID> holds the record (JSON), user-authenticators:<userId> the user's
 * credential ids. `passkeyKeys(userId)` names what deleteUser removes with the user.
 */
export function redisPasskeys(
  redis: Redis,
  p: string,
  keys: { account: (provider: string, id: string) => string; user: (id: string) => string; owned: (kind: string, userId: string) => string; cluster: boolean },
) {
  const accountKey = keys.account
  // Found by credential id: its own key (own slot on a cluster). The user's index carries the user's hash tag.
  const key = (credentialID: string) => `${p}authenticator:${seg(credentialID)}`
  const userKey = (userId: string) => keys.owned('user-authenticators', userId)
  const methods: PasskeyMethods = {
    async getAccount(providerAccountId, provider) {
      return decodeAccount(await redis.get(accountKey(provider, providerAccountId)))
    },
    async getAuthenticator(credentialID) {
      return decode(await redis.get(key(credentialID)))
    },
    async createAuthenticator(authenticator) {
      const stored: AdapterAuthenticator = { ...authenticator, userId: String(authenticator.userId), transports: authenticator.transports ?? null }
      if (!(await redis.exists(keys.user(stored.userId)))) throw new Error(`createAuthenticator: no user with id ${stored.userId}`)
      if (!(await redis.set(key(stored.credentialID), encode(stored), 'NX'))) throw new Error('createAuthenticator: this credential is already registered')
      await redis.sadd(userKey(stored.userId), stored.credentialID)
      return stored
    },
    async listAuthenticatorsByUserId(userId) {
      const ids = await redis.smembers(userKey(String(userId)))
      if (!ids.length) return []
      // One slot per credential on a cluster: a GET each there, one MGET on a single Redis.
      const raws = keys.cluster ? await Promise.all(ids.map((id) => redis.get(key(id)))) : await redis.mget(ids.map(key))
      return raws.map(decode).filter((a): a is AdapterAuthenticator => a !== null)
    },
    async updateAuthenticatorCounter(credentialID, newCounter) {
      const out = (await redis.eval(SET_COUNTER, 1, key(credentialID), String(newCounter))) as string | null
      if (!out) throw new Error(`updateAuthenticatorCounter: no authenticator with id ${credentialID}`)
      return decode(out)!
    },
    async deleteAuthenticator(credentialID) {
      const found = decode(await redis.getdel(key(credentialID)))
      if (found) await redis.srem(userKey(found.userId), credentialID)
    },
  }
  return {
    methods,
    /** For deleteUser: the user's own index key, and the credentials' keys (found by credential id). */
    async passkeyKeys(userId: string): Promise<{ own: string; elsewhere: string[] }> {
      const ids = await redis.smembers(userKey(userId))
      return { own: userKey(userId), elsewhere: ids.map(key) }
    },
  }
}
