import type { Cluster, Redis } from 'ioredis'
import { seg } from './codec.js'

/**
 * Key layout. On a single Redis (and on a Cluster when the prefix already carries a hash tag, which puts every key
 * in one slot) the keys are the historical ones, `<prefix><kind>:<id>`. On a Redis Cluster otherwise, the keys one
 * user owns carry that user's hash tag, `<prefix><kind>:{u:<id>}`, so they share a slot and stay atomic together
 * (MULTI, MGET, one DEL); keys found by another id (session token, email, account, verification token, refresh
 * lock) keep their names and live in their own slots.
 */
export interface KeyLayout {
  /** True when the adapter runs the cluster layout: per-user hash tags, no command across slots. */
  cluster: boolean
  /** A key owned by one user: `<prefix><kind>:<id>`, or `<prefix><kind>:{u:<id>}` in the cluster layout. */
  owned: (kind: string, userId: string) => string
}

/** ioredis marks its Cluster client with `isCluster`; no `instanceof`, so two copies of ioredis still agree. */
export function isClusterClient(redis: Redis | Cluster): boolean {
  return (redis as { isCluster?: boolean }).isCluster === true
}

/** The first complete hash tag of a key (Redis's rule: from the first `{` to the next `}`, not empty). */
function hashTag(s: string): 'none' | 'complete' | 'open' {
  const open = s.indexOf('{')
  if (open < 0) return 'none'
  const close = s.indexOf('}', open + 1)
  if (close < 0) return 'open'
  return close > open + 1 ? 'complete' : 'open'
}

export function keyLayout(prefix: string, onCluster: boolean): KeyLayout {
  const tag = hashTag(prefix)
  // `{}` or an unclosed `{` in the prefix would make Redis hash a different part of every key.
  if (onCluster && tag === 'open') throw new Error(`RedisAdapter: the key prefix ${JSON.stringify(prefix)} has an incomplete hash tag`)
  const cluster = onCluster && tag === 'none'
  return {
    cluster,
    owned: cluster ? (kind, userId) => `${prefix}${kind}:{u:${seg(String(userId))}}` : (kind, userId) => `${prefix}${kind}:${seg(String(userId))}`,
  }
}
