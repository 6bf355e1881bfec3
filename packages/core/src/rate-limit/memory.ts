import type { RateLimitHit, RateLimitStore } from './types.js'

export interface MemoryRateLimitStoreOptions {
  /** Milliseconds since epoch; injectable for tests. */
  now?: () => number
  /**
   * Most keys kept (default 50 000). When full, a new key makes room by evicting, in this order: keys whose
   * window has passed, keys hit once, then the lowest counts. A key over its limit is evicted only when every
   * key is over its limit (then the one whose window ends first goes). See docs/guides/rate-limit.md for the memory bound.
   */
  maxKeys?: number
}

interface Window {
  count: number
  resetAt: number
  /** The limit of the rule that last hit the key, when the caller passed one. */
  max?: number
}

/** Above its limit: worth more than any other key, since forgetting it lifts a block. */
const limited = (w: Window) => w.max !== undefined && w.count > w.max

/** Fixed-window counters in a Map: the default store, good for one process. */
export class MemoryRateLimitStore implements RateLimitStore {
  readonly #windows = new Map<string, Window>()
  /**
   * Keys as they were first hit, oldest first: those still at count 1 are the cheapest to forget (a flood's junk
   * lands here). Entries are checked when used, so a key hit again or reset is simply skipped.
   */
  #fresh: string[] = []
  #head = 0
  readonly #now: () => number
  readonly #maxKeys: number

  constructor(options: MemoryRateLimitStoreOptions = {}) {
    this.#now = options.now ?? Date.now
    this.#maxKeys = Math.max(1, Math.floor(options.maxKeys ?? 50_000))
  }

  /** How many keys are held (for tests and metrics). */
  get size(): number {
    return this.#windows.size
  }

  hit(key: string, windowMs: number, max?: number): RateLimitHit {
    const now = this.#now()
    let w = this.#windows.get(key)
    if (!w || w.resetAt <= now) {
      this.#forget(key)
      if (this.#windows.size >= this.#maxKeys) this.#makeRoom(now)
      w = { count: 0, resetAt: now + windowMs }
      this.#windows.set(key, w)
    }
    w.count++
    if (max !== undefined) w.max = max
    if (w.count === 1) this.#remember(key)
    return { count: w.count, resetMs: w.resetAt - now }
  }

  reset(key: string): void {
    this.#forget(key)
  }

  #forget(key: string): void {
    this.#windows.delete(key)
  }

  #remember(key: string): void {
    this.#fresh.push(key)
    // Keep the queue within about twice the key bound: drop entries that no longer stand for a count-1 key.
    if (this.#fresh.length - this.#head > 2 * this.#maxKeys + 64) {
      const seen = new Set<string>()
      this.#fresh = this.#fresh.slice(this.#head).filter((k) => {
        const ok = !seen.has(k) && this.#windows.get(k)?.count === 1
        seen.add(k)
        return ok
      })
      this.#head = 0
    }
  }

  /** Free at least one slot, never a limited key while an unlimited one exists. */
  #makeRoom(now: number): void {
    // Cheap path: the oldest key hit only once (a flood's junk), or any expired one met on the way.
    while (this.#head < this.#fresh.length) {
      const k = this.#fresh[this.#head++]!
      const w = this.#windows.get(k)
      if (w && (w.count === 1 || w.resetAt <= now) && !limited(w)) {
        this.#forget(k)
        this.#compact()
        return
      }
    }
    this.#compact()
    // Every key was hit twice or more: sweep expired windows, then drop the least valuable tenth in one go
    // (amortised: the next evictions are cheap again).
    for (const [k, w] of this.#windows) if (w.resetAt <= now) this.#forget(k)
    if (this.#windows.size < this.#maxKeys) return
    const ranked = [...this.#windows].sort(([, a], [, b]) => Number(limited(a)) - Number(limited(b)) || a.count - b.count || a.resetAt - b.resetAt)
    const drop = Math.max(1, Math.floor(this.#maxKeys / 10))
    const unlimited = ranked.filter(([, w]) => !limited(w)).length
    // Unlimited keys go first; limited ones only when nothing else is left, and then just the one needed.
    const n = unlimited > 0 ? Math.min(drop, unlimited) : 1
    for (let i = 0; i < n; i++) this.#forget(ranked[i]![0])
  }

  #compact(): void {
    if (this.#head > 1024 && this.#head * 2 > this.#fresh.length) {
      this.#fresh = this.#fresh.slice(this.#head)
      this.#head = 0
    }
  }
}
