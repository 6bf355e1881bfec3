/**
 * Process-wide "say it once" for set-up mistakes. A config rebuilt per request (Auth.js lazy init,
 * `NextAuth(req => ({...}))`) is a new object each time, so the key is the message, not the config.
 */
const said = new Set<string>()
const MAX_KEYS = 1000

/** Run `say` the first time `key` is seen in this process (bounded: past 1000 keys, nothing more is said). */
export function once(key: string, say: () => void): void {
  if (said.has(key) || said.size >= MAX_KEYS) return
  said.add(key)
  say()
}

/** For tests: forget what was said. */
export function resetOnce(): void {
  said.clear()
}
