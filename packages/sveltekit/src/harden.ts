/**
 * The core's response hardening (no shared caching of personal responses, nosniff) for SvelteKit. What Latch
 * does during a request (`locals.auth()` finding a session or setting a cookie, `locals.csrfToken()` minting
 * a token for the page, the signIn/signOut actions) is recorded per request; `handle` applies the rules to the
 * response `resolve` returns, after loads, actions and `setHeaders` have had their say.
 */
import { hardenResponse, type HardenFacts } from '@latch/core'

const recorded = new WeakMap<object, HardenFacts>()

/** Record what Latch did to the response of the request that owns `locals` (facts accumulate). */
export function markRequest(locals: object, facts: HardenFacts): void {
  let current = recorded.get(locals)
  if (!current) recorded.set(locals, (current = {}))
  for (const key of ['cookies', 'session', 'csrfToken', 'produced', 'allowSharedCache'] as const) if (facts[key]) current[key] = true
}

/** The response with the recorded facts applied (a copy when its headers are immutable). */
export function hardenRequest(locals: object, response: Response): Response {
  const facts = recorded.get(locals)
  return facts ? hardenResponse(response, facts) : response
}
