/**
 * A bound on one call to a store (database, cache): the building block the Latch adapters use, exported as
 * `@latch/core/store` for adapter authors. Edge-safe.
 */
import { StoreUnavailable } from '../errors.js'

/** Default bound on one store call, in milliseconds (`timeoutMs` option; 0 turns it off). */
export const DEFAULT_TIMEOUT_MS = 5_000

/**
 * Settle `work` within `ms`, else reject with StoreUnavailable (Latch answers 503 + Retry-After). The call itself is
 * not cancelled (set your client's own timeouts for that, see docs/guides/several-instances.md); its late result or
 * error is consumed, never an unhandled rejection.
 */
export function bounded<T>(work: PromiseLike<T>, ms: number, what: string): Promise<T> {
  const p = Promise.resolve(work)
  if (!(ms > 0)) return p
  let timer: ReturnType<typeof setTimeout> | undefined
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new StoreUnavailable(`${what} did not answer within ${ms} ms`)), ms)
  })
  p.catch(() => {})
  return Promise.race([p, timeout]).finally(() => clearTimeout(timer))
}
