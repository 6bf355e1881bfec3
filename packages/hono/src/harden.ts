/**
 * The core's response hardening (no shared caching of personal responses, nosniff) for Hono. What Latch does
 * to a request's response is recorded on the context (`getAuthUser`, `verifyAuth`); `initAuthConfig`, which
 * wraps every route, applies the rules to the final `c.res`, after the app has set its own headers.
 */
import type { Context } from 'hono'
import { hardenHeaders, type HardenFacts } from '@latch/core'

declare module 'hono' {
  interface ContextVariableMap {
    /** What Latch did to this response, for the hardening step (src/harden.ts). */
    authHardening: HardenFacts
  }
}

/** Record what Latch did to the response (facts accumulate). */
export function markResponse(c: Context, facts: HardenFacts): void {
  let current = c.get('authHardening')
  if (!current) c.set('authHardening', (current = {}))
  for (const key of ['cookies', 'session', 'csrfToken', 'produced', 'allowSharedCache'] as const) if (facts[key]) current[key] = true
}

/** Apply the recorded facts to `c.res` (a copy when its headers are immutable, e.g. `Response.redirect()`). */
export function hardenContext(c: Context): void {
  const facts = c.get('authHardening')
  if (!facts || !c.res) return
  try {
    hardenHeaders(c.res.headers, facts)
  } catch {
    const copy = new Response(c.res.body, c.res)
    hardenHeaders(copy.headers, facts)
    // Unset first: Hono's `res` setter would copy the old headers back over the hardened ones.
    c.res = undefined
    c.res = copy
  }
}
