import type { ResolvedConfig } from '../context.js'
import { UntrustedHost } from '../errors.js'
import { forwardedHost, forwardedProto } from './forwarded.js'

/**
 * The public origin of the app for this request.
 * 1. AUTH_URL (config.url) wins whatever the headers say.
 * 2. Otherwise, with trustHost, X-Forwarded-Host / X-Forwarded-Proto (validated), each read as its LAST entry,
 *    the one the nearest (trusted) proxy appended: never a client-supplied first entry (see http/forwarded.ts).
 * 3. Otherwise the request URL's own origin, which needs trustHost too: a framework can't tell us
 *    whether its Host header was spoofed, so we refuse rather than build links from it.
 */
/** What publicOrigin reads of a request. */
export interface RequestLike {
  url: string
  headers: { get(name: string): string | null }
}

export function publicOrigin(request: RequestLike, options: ResolvedConfig, requestUrl?: URL): URL {
  if (options.url) return new URL(options.url.origin)
  if (!options.trustHost) {
    throw new UntrustedHost(
      `Host must be trusted. Set AUTH_URL (config.url) to your public URL, or trustHost: true (AUTH_TRUST_HOST=true) ` +
        `when a proxy you control sets the Host header. Request URL was ${new URL(request.url).origin}`,
    )
  }
  const reqUrl = requestUrl ?? new URL(request.url)
  const fwdHost = forwardedHost(request.headers.get('x-forwarded-host'))
  const fwdProto = forwardedProto(request.headers.get('x-forwarded-proto'))
  // No proxy headers: the request URL's own origin (a caller that parsed the URL already passes it in).
  if (fwdHost === undefined && fwdProto === undefined) return new URL(reqUrl.origin)
  const host = fwdHost ?? reqUrl.host
  const proto = fwdProto ?? reqUrl.protocol.slice(0, -1)
  try {
    return new URL(`${proto}://${host}`)
  } catch {
    return new URL(reqUrl.origin)
  }
}
