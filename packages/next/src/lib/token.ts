import { forwardedProto } from '@latch/core'
import { getToken as coreGetToken, type GetTokenParams, type JWT } from '@latch/core/jwt'
import { envSecret, type Env } from './config.js'

/** The parameters of `getToken` from `@latch/next/jwt`. */
export type NextGetTokenParams<R extends boolean = false> = Omit<GetTokenParams<R>, 'secret'> & {
  /** Default AUTH_SECRET (AUTH_SECRET_1..3 rotate), else NEXTAUTH_SECRET. */
  secret?: string | string[]
}

function header(req: GetTokenParams['req'], name: string): string | undefined {
  const h = req.headers
  if (typeof (h as Headers).get === 'function') return (h as Headers).get(name) ?? undefined
  const v = (h as Record<string, string | string[] | undefined>)[name]
  return Array.isArray(v) ? v.join(', ') : v
}

/**
 * Whether the `__Secure-` cookie is the one to read: AUTH_URL's scheme when set, else X-Forwarded-Proto,
 * else the request URL's scheme (behind `next start` that is plain http, so set AUTH_URL in production).
 */
function isSecure(req: GetTokenParams['req'], env: Env): boolean {
  if (env.AUTH_URL) return env.AUTH_URL.startsWith('https:')
  // The core's one rule for proxy lists: the last entry, the one the nearest proxy appended.
  const proto = forwardedProto(header(req, 'x-forwarded-proto'))
  if (proto) return proto === 'https'
  const url = (req as Request).url
  return typeof url === 'string' && url.startsWith('https:')
}

/** `getToken` of `@latch/next/jwt` on an environment its caller has already read (`nextEnv()`, once per request). */
export async function tokenFromEnv(params: NextGetTokenParams<false>, env: Env): Promise<JWT | null>
export async function tokenFromEnv(params: NextGetTokenParams<boolean>, env: Env): Promise<JWT | string | null>
export async function tokenFromEnv(params: NextGetTokenParams<boolean>, env: Env): Promise<JWT | string | null> {
  const secret = params.secret ?? envSecret(env)
  if (!secret || (Array.isArray(secret) && !secret.length)) {
    throw new Error('@latch/next/jwt: getToken needs a secret: set AUTH_SECRET or pass { secret }')
  }
  const secureCookie = params.secureCookie ?? isSecure(params.req, env)
  const read = coreGetToken as (p: GetTokenParams<boolean>) => Promise<JWT | string | null>
  return read({ ...params, secret, secureCookie })
}
