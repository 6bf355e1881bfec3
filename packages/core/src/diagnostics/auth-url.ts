import '../session-path.js' // one edge chunk for the session path (session-path.ts)
import type { LoggerInstance } from '../types.js'
import { once } from './once.js'

function first(value: string | null): string | undefined {
  const v = value?.split(',')[0]?.trim()
  return v ? v : undefined
}

/**
 * When AUTH_URL is set, links, redirects and cookies use its origin whatever the request says. A request that
 * arrived for another origin (as the browser saw it: forwarded headers first, then the request URL) usually
 * means AUTH_URL was copied from another deployment: say so once per AUTH_URL origin and process.
 */
export function checkAuthUrlOrigin(request: { url: string; headers: { get(name: string): string | null } }, authUrl: URL, logger: LoggerInstance): void {
  const reqUrl = new URL(request.url)
  const host = first(request.headers.get('x-forwarded-host')) ?? reqUrl.host
  const proto = first(request.headers.get('x-forwarded-proto'))?.toLowerCase() ?? reqUrl.protocol.slice(0, -1)
  const seen = `${proto}://${host}`.toLowerCase()
  if (seen === authUrl.origin) return
  once(`auth-url:${authUrl.origin}`, () =>
    logger.warn(
      'AuthUrlMismatch',
      `AUTH_URL is ${authUrl.origin} but a request arrived for ${seen.slice(0, 200)}: links, redirects and cookies use AUTH_URL. ` +
        `If that is not where this app is served, fix AUTH_URL (or unset it and set AUTH_TRUST_HOST=true behind a proxy you control). Said once.`,
    ),
  )
}
