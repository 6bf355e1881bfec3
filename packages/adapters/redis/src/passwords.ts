import type { Redis } from 'ioredis'
import type { Adapter } from '@latch/core'
import type { KeyLayout } from './keys.js'

type PasswordMethods = Required<Pick<Adapter, 'getPasswordHash' | 'setPasswordHash'>>

/** The key of a user's password hash (deleteUser removes it with the user). */
export const passwordKey = (owned: KeyLayout['owned'], userId: string) => owned('password', userId)

/**
 * Password hashes on Redis: `password:<userId>` holds the self-describing hash @latch/core computed. Setting one for
 * a user that does not exist throws (as the other adapters do); null deletes it.
 */
export function redisPasswords(redis: Redis, owned: KeyLayout['owned'], userKey: (id: string) => string): PasswordMethods {
  return {
    async getPasswordHash(userId) {
      return (await redis.get(passwordKey(owned, userId))) ?? null
    },
    async setPasswordHash(userId, hash) {
      if (hash === null) {
        await redis.del(passwordKey(owned, userId))
        return
      }
      if (!(await redis.exists(userKey(String(userId))))) throw new Error(`setPasswordHash: no user with id ${userId}`)
      await redis.set(passwordKey(owned, userId), hash)
    },
  }
}
