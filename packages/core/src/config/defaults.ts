import type { CallbacksOptions } from '../types.js'

/**
 * The default redirect policy: relative paths and same-origin absolute URLs are allowed,
 * everything else falls back to the app's origin. Resolution uses the WHATWG URL parser, so
 * `//evil.com`, `/\evil.com` and `javascript:` resolve to another origin (or none) and are refused.
 */
export function defaultRedirect({ url, baseUrl }: { url: string; baseUrl: string }): string {
  try {
    const base = new URL(baseUrl)
    const target = new URL(url, base)
    if (target.origin === base.origin && (target.protocol === 'https:' || target.protocol === 'http:')) return target.href
  } catch {
    // malformed: fall through
  }
  return baseUrl
}

export const defaultCallbacks: Required<CallbacksOptions> = {
  signIn: () => true,
  redirect: defaultRedirect,
  session: ({ session }) => session,
  jwt: ({ token }) => token,
}
