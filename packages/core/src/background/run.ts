import type { RequestContext } from '../context.js'
import { waitUntilOf } from './wait-until.js'

/**
 * Work that must not delay the answer, because how long it takes would tell something (sending a mail only when
 * an account exists). It starts at once; the answer does not wait for it. Its failure is logged through the
 * logger (never an unhandled rejection) and the promise handed on never rejects. The promise goes to
 * `config.waitUntil` if the app set one, else to the platform's hook the framework integration recorded for the
 * request (setWaitUntil), so a serverless platform keeps the function alive until the work is done. Without
 * either, the work simply runs on (a long-running server).
 */
export function inBackground(ctx: RequestContext, what: string, work: () => Promise<unknown>): void {
  const { logger } = ctx.options
  const promise = Promise.resolve()
    .then(work)
    .then(
      () => undefined,
      (e: unknown) => logger.error(e instanceof Error ? e : new Error(`${what} failed`, { cause: e })),
    )
    .catch(() => undefined) // a logger that throws must not make an unhandled rejection either
  const hook = ctx.options.config.waitUntil ?? waitUntilOf(ctx.request)
  if (!hook) return
  try {
    hook(promise)
  } catch (e) {
    // e.g. Next's after() outside a request scope: the work runs on anyway.
    logger.debug(`waitUntil refused the ${what}; it runs on without it`, { error: e instanceof Error ? e.message : String(e) })
  }
}
