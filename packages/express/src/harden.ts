/**
 * The core's response hardening (no shared caching of personal responses, nosniff) for Express responses.
 * What Latch did to a response is recorded as it happens; the rules run once, when the headers are written
 * (Node's `writeHead`, which `res.end`/`res.send`/`res.redirect` all reach), so that they see the app's own
 * Cache-Control and Vary and never loosen them.
 */
import type { Response as ExpressResponse } from 'express'
import { hardenHeaders, type HardenFacts, type HeaderAccess } from '@latch/core'

const recorded = new WeakMap<ExpressResponse, HardenFacts>()

function headerAccess(res: ExpressResponse): HeaderAccess {
  return {
    get(name) {
      const v = res.getHeader(name)
      return v === undefined ? null : Array.isArray(v) ? v.join(', ') : String(v)
    },
    set: (name, value) => void res.setHeader(name, value),
  }
}

/** Hook `writeHead` once: headers passed to it are set first, then the rules run on the final set. */
function hook(res: ExpressResponse, facts: HardenFacts): void {
  const writeHead = res.writeHead
  res.writeHead = function (this: ExpressResponse, ...args: unknown[]) {
    const last = args[args.length - 1]
    if (args.length > 1 && last && typeof last === 'object' && !Array.isArray(last)) {
      args.pop()
      for (const [name, value] of Object.entries(last)) if (value !== undefined) this.setHeader(name, value as string)
    }
    if (!this.headersSent) hardenHeaders(headerAccess(this), facts)
    return (writeHead as (...a: unknown[]) => ExpressResponse).apply(this, args)
  } as ExpressResponse['writeHead']
}

/** Record what Latch did to `res` (facts accumulate); the rules apply when its headers go out. */
export function markResponse(res: ExpressResponse, facts: HardenFacts): void {
  if (res.headersSent) return
  let current = recorded.get(res)
  if (!current) {
    recorded.set(res, (current = {}))
    hook(res, current)
  }
  for (const key of ['cookies', 'session', 'csrfToken', 'produced', 'allowSharedCache'] as const) if (facts[key]) current[key] = true
}
