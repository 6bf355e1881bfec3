import '../session-path.js' // one edge chunk for the session path (session-path.ts)
import { Configuration } from '../errors.js'

export type { OriginRule, RedirectProxyOptions } from './types.js'
import type { OriginRule, RedirectProxyOptions } from './types.js'

const LABEL = /^[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?$/

function parseRule(entry: string): OriginRule {
  const m = /^(https?):\/\/\*\.([^/:]+)(?::(\d{1,5}))?\/?$/i.exec(entry.trim())
  if (m) {
    const suffix = m[2]!.toLowerCase()
    // `*.app`, `*.com`: a wildcard over a whole public suffix would trust anyone's deployment.
    if (suffix.split('.').length < 2 || !suffix.split('.').every((l) => LABEL.test(l))) {
      throw new Configuration(`redirectProxyOrigins: "${entry}" is too broad or not a host name; use https://*.<your-project-domain>`)
    }
    return { protocol: `${m[1]!.toLowerCase()}:`, suffix: `.${suffix}`, port: m[3] ?? '' }
  }
  let url: URL
  try {
    url = new URL(entry.trim())
  } catch {
    throw new Configuration(`redirectProxyOrigins: "${entry}" is neither an origin (https://preview.example.com) nor a pattern (https://*.example.com)`)
  }
  if ((url.protocol !== 'https:' && url.protocol !== 'http:') || url.host.includes('*') || (url.pathname !== '/' && url.pathname !== '')) {
    throw new Configuration(`redirectProxyOrigins: "${entry}" must be an http(s) origin with no path`)
  }
  return { exact: url.origin }
}

/** Whether `origin` (a URL origin) is one of the allowed deployments. */
export function originAllowed(origin: string, rules: OriginRule[]): boolean {
  let url: URL
  try {
    url = new URL(origin)
  } catch {
    return false
  }
  if (url.origin !== origin) return false
  return rules.some((r) => {
    if ('exact' in r) return r.exact === origin
    if (url.protocol !== r.protocol || url.port !== r.port || !url.hostname.endsWith(r.suffix)) return false
    return LABEL.test(url.hostname.slice(0, -r.suffix.length))
  })
}

/**
 * `redirectProxyUrl` and `redirectProxyOrigins`, validated once per config. A proxy URL without a path uses
 * this deployment's basePath (the deployments of one app share it).
 */
export function resolveRedirectProxy(
  config: { redirectProxyUrl?: string | URL; redirectProxyOrigins?: string[] },
  basePath: string,
): RedirectProxyOptions | undefined {
  const { redirectProxyUrl, redirectProxyOrigins } = config
  if (!redirectProxyUrl && !redirectProxyOrigins?.length) return undefined
  let url: URL | undefined
  if (redirectProxyUrl) {
    try {
      url = new URL(String(redirectProxyUrl))
    } catch {
      throw new Configuration(`AUTH_REDIRECT_PROXY_URL / redirectProxyUrl is not a valid URL: ${String(redirectProxyUrl)}`)
    }
    if (url.protocol !== 'https:' && url.protocol !== 'http:') throw new Configuration('redirectProxyUrl must be an http(s) URL')
    const path = url.pathname.replace(/\/+$/, '')
    url = new URL(`${url.origin}${path || basePath}`)
  }
  return { url, origins: (redirectProxyOrigins ?? []).map(parseRule) }
}
