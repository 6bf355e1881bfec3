import type { RequestContext } from '../context.js'
import type { EventsOptions } from '../types.js'
import { EventError } from '../errors.js'

/** Run an events handler; a throwing handler is logged and never breaks the flow. */
export async function emit<K extends keyof EventsOptions>(
  ctx: RequestContext,
  name: K,
  message: Parameters<NonNullable<EventsOptions[K]>>[0],
): Promise<void> {
  const handler = ctx.options.events[name] as ((m: typeof message) => unknown) | undefined
  if (!handler) return
  try {
    await handler(message)
  } catch (e) {
    ctx.options.logger.error(new EventError(`events.${name} threw`, { cause: e }))
  }
}
