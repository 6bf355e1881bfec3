/**
 * Response hardening: the caching and sniffing rules for every response Latch produces, and for every app
 * response Latch adds a cookie to or lets through because of a session. One place, used by the core's
 * `toResponse` and by each framework package for the app's responses. Edge-safe, no dependencies.
 *
 * The rules (SECURITY.md, "Caching and content sniffing"):
 * - A response that carries a `Set-Cookie` from Latch, or a CSRF token Latch minted for it, is never stored:
 *   `Cache-Control` gets `no-store` (`private, no-store` replaces any header without `no-store`).
 * - A response served because of a session is personal: `private, no-store` unless the app already said
 *   `private` or `no-store`. An app opts out for a truly public page with `allowSharedCache`; a cookie or a
 *   CSRF token on that response still forces `no-store`.
 * - Both kinds get `Vary: Cookie`, merged into any `Vary` the response has.
 * - Responses Latch itself writes (JSON, HTML pages, redirects, 401s) get `X-Content-Type-Options: nosniff`.
 */

/** What Latch did to a response. */
export interface HardenFacts {
  /** Latch added `Set-Cookie` headers (session re-issued or cleared, CSRF or flow cookies). */
  cookies?: boolean
  /** The response was served because of a session (a gated page or API, or rendered with the session). */
  session?: boolean
  /** The response carries a CSRF token Latch minted for this visitor (e.g. in a page's hidden form field). */
  csrfToken?: boolean
  /** Latch wrote the response itself (its JSON, HTML, redirects, 401s): add `X-Content-Type-Options: nosniff`. */
  produced?: boolean
  /**
   * The app declares the page public: a session alone does not make it private. Cookies and CSRF tokens
   * still make it `no-store` (a shared cache must never hand one visitor's cookie to another).
   */
  allowSharedCache?: boolean
}

/** Read and write access to response headers: a Web `Headers` object fits; Node responses are wrapped. */
export interface HeaderAccess {
  get(name: string): string | null | undefined
  set(name: string, value: string): void
}

const PRIVATE_NO_STORE = 'private, no-store'

/** Directive names of a Cache-Control value, lower case (`private="x"` is a qualified private, not `private`). */
function directives(value: string | null | undefined): Set<string> {
  const out = new Set<string>()
  for (const part of (value ?? '').split(',')) {
    const d = part.trim().toLowerCase()
    if (d) out.add(d.includes('=') ? `${d.slice(0, d.indexOf('=')).trim()}=` : d)
  }
  return out
}

/** The Cache-Control value the facts call for, or undefined to keep the current one. */
export function hardenedCacheControl(current: string | null | undefined, facts: HardenFacts): string | undefined {
  if (!current) return isPersonal(facts) ? PRIVATE_NO_STORE : undefined
  const d = directives(current)
  if (facts.cookies || facts.csrfToken) return d.has('no-store') ? undefined : PRIVATE_NO_STORE
  if (facts.session && !facts.allowSharedCache) return d.has('no-store') || d.has('private') ? undefined : PRIVATE_NO_STORE
  return undefined
}

/** `Vary` with `Cookie` merged in (no duplicates, any case); `*` already varies on everything. */
export function varyWithCookie(current: string | null | undefined): string | undefined {
  if (!current) return 'Cookie'
  const parts = (current ?? '').split(',').map((p) => p.trim()).filter(Boolean)
  if (parts.some((p) => p === '*' || p.toLowerCase() === 'cookie')) return undefined
  return [...parts, 'Cookie'].join(', ')
}

/** Whether the facts make the response personal (not storable by a shared cache). */
export function isPersonal(facts: HardenFacts): boolean {
  return Boolean(facts.cookies || facts.csrfToken || (facts.session && !facts.allowSharedCache))
}

/** Apply the rules to `headers` in place. Never loosens a header: it only adds `no-store`/`private`/`Cookie`. */
export function hardenHeaders(headers: HeaderAccess, facts: HardenFacts): void {
  if (facts.produced) headers.set('X-Content-Type-Options', 'nosniff')
  if (!isPersonal(facts)) return
  const cacheControl = hardenedCacheControl(headers.get('cache-control'), facts)
  if (cacheControl) headers.set('Cache-Control', cacheControl)
  const vary = varyWithCookie(headers.get('vary'))
  if (vary) headers.set('Vary', vary)
}

/**
 * `hardenHeaders` for a Web Response. Returns the same Response, or a copy when its headers are immutable
 * (`Response.redirect()`, a fetched response).
 */
export function hardenResponse(response: Response, facts: HardenFacts): Response {
  try {
    hardenHeaders(response.headers, facts)
    return response
  } catch {
    const copy = new Response(response.body, response)
    hardenHeaders(copy.headers, facts)
    return copy
  }
}
