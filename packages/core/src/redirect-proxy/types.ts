// The resolved redirect-proxy settings (config.ts), apart so the request context can name them without importing
// the lazily loaded config module (which imports session-path.ts: that would be an import circle).

/** One entry of `redirectProxyOrigins`: an exact origin, or `https://*.example.com` (exactly one leftmost label). */
export type OriginRule = { exact: string } | { protocol: string; suffix: string; port: string }

export interface RedirectProxyOptions {
  /** The stable deployment's auth URL (AUTH_REDIRECT_PROXY_URL), when this deployment sends its OAuth callbacks there. */
  url?: URL
  /** The deployments this one forwards OAuth callbacks to (it is the stable deployment). Empty: it forwards nothing. */
  origins: OriginRule[]
}
