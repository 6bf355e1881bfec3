/**
 * Next's `after()` (next/server, Next 15.1+) as the platform's waitUntil for the route handlers: the work Latch
 * does after the answer (mails) is kept alive on Vercel and other serverless hosts. Loaded once, lazily, like the
 * package's other next/* imports; `after` outside a request scope throws, which the core catches (the work then
 * simply runs on).
 */
type After = (task: Promise<unknown>) => void

let loaded: Promise<After | undefined> | undefined

export function nextAfter(): Promise<After | undefined> {
  loaded ??= import('next/server').then(
    (m) => (typeof (m as { after?: unknown }).after === 'function' ? (m as { after: After }).after : undefined),
    () => undefined,
  )
  return loaded
}
