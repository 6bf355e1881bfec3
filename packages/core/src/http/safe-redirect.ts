/**
 * The one redirect check. Every Location Latch builds from something a client sent (callbackUrl, redirectTo,
 * the callback-url cookie, the path of a protected page) goes through here: the core's default
 * `callbacks.redirect` and every framework integration (SvelteKit actions, Next's helpers and middleware,
 * Express's requireAuth, Hono's verifyAuth). Pure and edge-safe: the WHATWG URL parser, nothing else.
 *
 * The WHATWG parser is what browsers use to follow a Location, so resolving with it decides where a browser
 * would go: `//evil.com`, `/\evil.com`, `/\t/evil.com`, `https://app@evil.com`, `https://app。evil.com` all
 * resolve to another origin (or fail to parse) and are refused. One more step closes the path-only form: a
 * same-origin URL whose path starts with `//` (`https://app//evil.com`, from `/.//evil.com` or `/%2e//evil.com`)
 * would become the protocol-relative `//evil.com` as soon as someone kept only its path, so its leading
 * slashes are collapsed to one.
 */

const MAX_URL_LENGTH = 4096

/** `u` with its path's leading slashes (`//x`) collapsed to one (`/x`), so its path alone is never protocol-relative. */
export function collapseLeadingSlashes(u: URL): URL {
  if (u.pathname.startsWith('//')) u.pathname = `/${u.pathname.replace(/^\/+/, '')}`
  return u
}

function sameOrigin(url: unknown, baseUrl: string): URL | undefined {
  if (typeof url !== 'string' || url.length > MAX_URL_LENGTH) return undefined
  try {
    const base = new URL(baseUrl)
    const target = new URL(url, base)
    if (target.origin !== base.origin || (target.protocol !== 'https:' && target.protocol !== 'http:')) return undefined
    return collapseLeadingSlashes(target)
  } catch {
    return undefined
  }
}

/** `url` resolved against `baseUrl` when it is an http(s) URL on that origin (leading slashes collapsed), else undefined. */
export function sameOriginUrl(url: unknown, baseUrl: string): string | undefined {
  return sameOrigin(url, baseUrl)?.href
}

/**
 * `url` (relative or absolute) resolved against `baseUrl`: the absolute URL when it is an http(s) URL on
 * `baseUrl`'s origin, else `baseUrl`'s origin root. Never throws.
 */
export function safeRedirect(url: unknown, baseUrl: string): string {
  const target = sameOrigin(url, baseUrl)
  if (target) return target.href
  try {
    return new URL('/', baseUrl).href
  } catch {
    return '/'
  }
}

/**
 * The same check, answered as a path (`/a?b#c`) for places that redirect within the app (a Location without
 * an origin, a form action's client-side navigation): `/` unless `url` is on `baseUrl`'s origin. The result
 * always starts with exactly one `/`.
 */
export function safeRedirectPath(url: unknown, baseUrl: string): string {
  const target = sameOrigin(url, baseUrl)
  return target ? target.pathname + target.search + target.hash : '/'
}

/**
 * Where to send a signed-out visitor: the sign-in page (`signInPage`, an app path or URL from the config) with
 * `callbackUrl` set to `callbackUrl` after the check. A path stays a path (`/admin?x=1`), an absolute URL stays
 * absolute; a hostile one becomes `/` (or the origin). The sign-in page itself must be on the app's origin, else
 * the app's default sign-in path `fallbackPage` is used. Returns a path when the page is a path.
 */
export function signInRedirect(signInPage: string, callbackUrl: unknown, baseUrl: string, fallbackPage = '/'): string {
  const relative = !/^[a-zA-Z][a-zA-Z0-9+.-]*:/.test(signInPage)
  const page = sameOrigin(signInPage, baseUrl) ?? sameOrigin(fallbackPage, baseUrl) ?? new URL('/', baseUrl)
  const isPath = typeof callbackUrl === 'string' && /^\/(?![/\\])/.test(callbackUrl.trimStart())
  page.searchParams.set('callbackUrl', isPath ? safeRedirectPath(callbackUrl, baseUrl) : safeRedirect(callbackUrl, baseUrl))
  return relative ? page.pathname + page.search + page.hash : page.href
}
