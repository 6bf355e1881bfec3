/**
 * The platform's `waitUntil` for one Request (Workers `ctx.waitUntil`, Next's `after()`, SvelteKit's
 * `platform.context.waitUntil`), recorded by a framework integration. A WeakMap, not a header: nothing the client
 * sends can set it.
 */
export type WaitUntil = (promise: Promise<unknown>) => void

const hooks = new WeakMap<Request, WaitUntil>()

/**
 * Record the platform's `waitUntil` for a Request you are about to pass to `Auth()`: work Latch does after the
 * answer (mails whose presence would tell whether an account exists) is handed to it. Returns the same Request.
 */
export function setWaitUntil(request: Request, waitUntil: WaitUntil | null | undefined): Request {
  if (typeof waitUntil === 'function') hooks.set(request, waitUntil)
  return request
}

/** The hook recorded for this Request, if an integration recorded one. */
export function waitUntilOf(request: Request): WaitUntil | undefined {
  return hooks.get(request)
}
