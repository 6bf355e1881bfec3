import type { CallbacksOptions } from '../types.js'
import { sameOriginUrl } from '../http/safe-redirect.js'

/**
 * The default redirect policy: relative paths and same-origin absolute URLs are allowed, everything else
 * falls back to the app's origin. The check is the core's one redirect check (http/safe-redirect.ts): the
 * WHATWG URL parser decides the origin, so `//evil.com`, `/\\evil.com` and `javascript:` are refused, and a
 * path starting with `//` is collapsed so that its path alone is never protocol-relative.
 */
export function defaultRedirect({ url, baseUrl }: { url: string; baseUrl: string }): string {
  return sameOriginUrl(url, baseUrl) ?? baseUrl
}

export const defaultCallbacks: Required<CallbacksOptions> = {
  signIn: () => true,
  redirect: defaultRedirect,
  session: ({ session }) => session,
  jwt: ({ token }) => token,
}
