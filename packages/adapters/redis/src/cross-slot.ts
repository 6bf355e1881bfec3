import type { ChainableCommander, Redis } from 'ioredis'

/** One command of a group: written against a client, run either queued in a MULTI or on its own. */
export type Step = (c: Redis) => unknown

/**
 * Commands over keys that may hash to different slots. On a single Redis they keep their one-round-trip forms
 * (MULTI/EXEC, MGET, one DEL); on a Redis Cluster (keys.ts's cluster layout) each key gets its own command, so
 * nothing is refused with CROSSSLOT. The cluster forms are not atomic across keys: the callers order their steps
 * so that a failure part-way leaves a state the reads tolerate (see docs/guides/several-instances.md).
 */
export interface CrossSlot {
  /** All steps, atomically (MULTI) on a single Redis; one after another, in the order given, on a cluster. */
  together(steps: Step[]): Promise<void>
  /** GET of each key, `null` for a missing one: MGET, or the GETs sent at once. */
  getMany(keys: string[]): Promise<(string | null)[]>
  /** DEL of every key: one DEL, or one DEL per key sent at once. */
  delMany(keys: string[]): Promise<void>
}

/** Run a MULTI and throw its first command error: ioredis reports those in exec's results, not by rejecting. */
export async function execAll(multi: ChainableCommander): Promise<void> {
  const failed = (await multi.exec())?.find(([err]) => err)
  if (failed) throw failed[0]
}

export function crossSlot(redis: Redis, cluster: boolean): CrossSlot {
  if (!cluster) {
    return {
      async together(steps) {
        const multi = redis.multi()
        for (const step of steps) step(multi as unknown as Redis)
        await execAll(multi)
      },
      getMany: (keys) => (keys.length ? redis.mget(keys) : Promise.resolve([])),
      async delMany(keys) {
        if (keys.length) await redis.del(...keys)
      },
    }
  }
  return {
    async together(steps) {
      for (const step of steps) await step(redis)
    },
    getMany: (keys) => Promise.all(keys.map((key) => redis.get(key))),
    async delMany(keys) {
      await Promise.all(keys.map((key) => redis.del(key)))
    },
  }
}
