import type { Cluster } from 'ioredis'
import { keyLayout } from './keys.js'

/** The kinds of key one user owns (index.ts, passwords.ts, two-factor.ts): the ones the cluster layout renames. */
const OWNED_KINDS = ['user', 'user-accounts', 'user-sessions', 'sv', 'password', '2fa', '2fa-codes', '2fa-on'] as const

const glob = (s: string) => s.replace(/[*?[\]\\]/g, (c) => `\\${c}`)

/**
 * One-off copy of the per-user keys an earlier version wrote on a Redis Cluster (`user:<id>`, `sv:<id>`, …) to the
 * cluster layout's names (`user:{u:<id>}`, …), for a deployment whose prefix has no hash tag. Run it with every
 * instance stopped, then start the new version. Each key is copied with DUMP + RESTORE (RENAME cannot cross slots),
 * then the old one is deleted; a key whose new name exists already is left as it is. Safe to run again: it reports
 * how many keys it moved.
 */
export async function migrateToClusterLayout(cluster: Cluster, options: { prefix?: string } = {}): Promise<{ moved: number; skipped: number }> {
  const p = options.prefix ?? 'latch:'
  const { owned, cluster: tagged } = keyLayout(p, true)
  if (!tagged) return { moved: 0, skipped: 0 } // a hash-tagged prefix keeps the single-Redis names
  let moved = 0
  let skipped = 0
  for (const node of cluster.nodes('master')) {
    for (const kind of OWNED_KINDS) {
      const head = `${p}${kind}:`
      let cursor = '0'
      do {
        const [next, keys] = await node.scan(cursor, 'MATCH', `${glob(head)}*`, 'COUNT', 500)
        cursor = next
        for (const key of keys) {
          const rest = key.slice(head.length)
          if (rest.startsWith('{u:')) continue // already in the cluster layout
          // The id in the old key is already URI-encoded: decode it so owned() encodes it once.
          const target = owned(kind, decodeURIComponent(rest))
          const dump = await cluster.dumpBuffer(key)
          if (dump === null) continue
          const ttl = await cluster.pttl(key)
          try {
            await cluster.restore(target, ttl > 0 ? ttl : 0, dump)
          } catch (e) {
            if (!/BUSYKEY/.test((e as Error).message)) throw e
            skipped++
            continue
          }
          await cluster.del(key)
          moved++
        }
      } while (cursor !== '0')
    }
  }
  return { moved, skipped }
}
