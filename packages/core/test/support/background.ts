/**
 * A `config.waitUntil` for in-process tests: it keeps the work Latch does after an answer (background/run.ts), and
 * `Browser.fetch` waits for that work before it returns, so a test reads the mailbox as a person would, after the
 * mail went out. Timing tests that must not wait use a config without it.
 */
const pending = new WeakMap<object, Set<Promise<unknown>>>()

export function collectBackground(): (promise: Promise<unknown>) => void {
  const set = new Set<Promise<unknown>>()
  const waitUntil = (promise: Promise<unknown>) => {
    set.add(promise)
    void promise.finally(() => set.delete(promise))
  }
  pending.set(waitUntil, set)
  return waitUntil
}

/** Wait for the work handed to `waitUntil` (a collector from collectBackground; anything else: nothing to wait for). */
export async function settleBackground(waitUntil: unknown): Promise<void> {
  const set = typeof waitUntil === 'function' ? pending.get(waitUntil) : undefined
  while (set?.size) await Promise.all([...set])
}
