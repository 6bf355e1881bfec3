import type { Redis } from 'ioredis'
import type { Adapter, TwoFactorRecord } from '@latch/core'
import type { KeyLayout } from './keys.js'

type TwoFactorMethods = Required<Pick<Adapter, 'getTwoFactor' | 'setTwoFactor' | 'markTotpStep' | 'useRecoveryCode'>>

/** The keys of one user's second factor: the record (a hash), its recovery-code hashes (a set), the "on" flag. */
export function twoFactorKeys(owned: KeyLayout['owned'], userId: string): { record: string; codes: string; on: string } {
  return { record: owned('2fa', userId), codes: owned('2fa-codes', userId), on: owned('2fa-on', userId) }
}

/** Record the step only when the record exists and its last step is lower: one script, so one caller wins. */
const MARK = `
if redis.call('EXISTS', KEYS[1]) == 0 then return 0 end
local last = redis.call('HGET', KEYS[1], 'step')
if last and last ~= '' and tonumber(last) >= tonumber(ARGV[1]) then return 0 end
redis.call('HSET', KEYS[1], 'step', ARGV[1])
return 1`

/**
 * Two-factor records on Redis: `2fa:<id>` (hash: secret, confirmedAt in ms or '', step or ''), `2fa-codes:<id>`
 * (a set: SREM hands a code to exactly one caller) and `2fa-on:<id>` (present while confirmed, read by
 * getSessionAndUser in the same MGET as the user, so the session check makes no extra round trip). On a Redis Cluster
 * the three keys carry the user's hash tag (keys.ts): one slot, so the MULTI in setTwoFactor and that MGET still work.
 */
export function redisTwoFactor(redis: Redis, owned: KeyLayout['owned']): TwoFactorMethods {
  return {
    async getTwoFactor(userId) {
      const k = twoFactorKeys(owned, userId)
      const [h, codes] = await Promise.all([redis.hgetall(k.record), redis.smembers(k.codes)])
      if (!h || typeof h.secret !== 'string') return null
      const record: TwoFactorRecord = {
        secret: h.secret,
        confirmedAt: h.confirmedAt ? new Date(Number(h.confirmedAt)) : null,
        lastUsedStep: h.step ? Number(h.step) : null,
        recoveryCodes: codes.sort(),
      }
      return record
    },
    async setTwoFactor(userId, record) {
      const k = twoFactorKeys(owned, userId)
      const multi = redis.multi().del(k.record, k.codes, k.on)
      if (record) {
        multi.hset(k.record, {
          secret: record.secret,
          confirmedAt: record.confirmedAt ? String(new Date(record.confirmedAt).getTime()) : '',
          step: record.lastUsedStep === null ? '' : String(record.lastUsedStep),
        })
        if (record.recoveryCodes.length) multi.sadd(k.codes, ...record.recoveryCodes)
        if (record.confirmedAt) multi.set(k.on, '1')
      }
      const failed = (await multi.exec())?.find(([err]) => err)
      if (failed) throw failed[0]
    },
    async markTotpStep(userId, step) {
      return (await redis.eval(MARK, 1, twoFactorKeys(owned, userId).record, String(step))) === 1
    },
    async useRecoveryCode(userId, codeHash) {
      return (await redis.srem(twoFactorKeys(owned, userId).codes, codeHash)) === 1
    },
  }
}
