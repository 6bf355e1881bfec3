import type { Adapter } from './types.js'

type RefreshLockMethods = Required<Pick<Adapter, 'acquireRefreshLock' | 'releaseRefreshLock' | 'setRefreshResult' | 'getRefreshResult'>>

/** The refresh lock and result store of the memory adapter: one process only, expiring entries. */
export function memoryRefreshLock(now: () => number): RefreshLockMethods {
  const locks = new Map<string, { holder: string; expires: number }>()
  const results = new Map<string, { value: string; expires: number }>()
  const prune = () => {
    const t = now()
    for (const [k, v] of locks) if (v.expires <= t) locks.delete(k)
    for (const [k, v] of results) if (v.expires <= t) results.delete(k)
  }
  return {
    acquireRefreshLock(key, ttlMs) {
      prune()
      if (locks.has(key)) return null
      const holder = crypto.randomUUID()
      locks.set(key, { holder, expires: now() + ttlMs })
      return holder
    },
    releaseRefreshLock(key, fencingToken) {
      if (locks.get(key)?.holder === fencingToken) locks.delete(key)
    },
    setRefreshResult(key, value, ttlMs) {
      results.set(key, { value, expires: now() + ttlMs })
    },
    getRefreshResult(key) {
      prune()
      return results.get(key)?.value ?? null
    },
  }
}
