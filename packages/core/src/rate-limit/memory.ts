import type { RateLimitHit, RateLimitStore } from './types.js'

export interface MemoryRateLimitStoreOptions {
  /** Milliseconds since epoch; injectable for tests. */
  now?: () => number
  /** Most keys kept; expired windows are swept first, then the oldest windows go. Default 50 000. */
  maxKeys?: number
}

/** Fixed-window counters in a Map: the default store, good for one process. */
export class MemoryRateLimitStore implements RateLimitStore {
  readonly #windows = new Map<string, { count: number; resetAt: number }>()
  readonly #now: () => number
  readonly #maxKeys: number

  constructor(options: MemoryRateLimitStoreOptions = {}) {
    this.#now = options.now ?? Date.now
    this.#maxKeys = options.maxKeys ?? 50_000
  }

  hit(key: string, windowMs: number): RateLimitHit {
    const now = this.#now()
    let w = this.#windows.get(key)
    if (!w || w.resetAt <= now) {
      this.#windows.delete(key)
      if (this.#windows.size >= this.#maxKeys) this.#sweep(now)
      w = { count: 0, resetAt: now + windowMs }
      this.#windows.set(key, w)
    }
    w.count++
    return { count: w.count, resetMs: w.resetAt - now }
  }

  reset(key: string): void {
    this.#windows.delete(key)
  }

  #sweep(now: number): void {
    for (const [k, w] of this.#windows) if (w.resetAt <= now) this.#windows.delete(k)
    // Map iteration is insertion order: the oldest windows go first.
    for (const k of this.#windows.keys()) {
      if (this.#windows.size < this.#maxKeys) break
      this.#windows.delete(k)
    }
  }
}
