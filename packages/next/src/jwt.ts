/**
 * `getToken` for Next: the session JWT of a request (proxy/middleware, route handler, API route,
 * getServerSideProps), with AUTH_SECRET (or NEXTAUTH_SECRET) from the environment.
 *
 *   import { getToken } from '@latch/next/jwt'
 *   const token = await getToken({ req })
 */
import { getToken as coreGetToken, encode, decode, decodeLegacy, type GetTokenParams, type JWT } from '@latch/core/jwt'
import { envSecret, nextEnv } from './lib/config.js'

export { encode, decode, decodeLegacy }
export type { JWT, JWTDecodeParams, JWTEncodeParams, JWTOptions, DefaultJWT } from '@latch/core/jwt'

export type NextGetTokenParams<R extends boolean = false> = Omit<GetTokenParams<R>, 'secret'> & {
  /** Default AUTH_SECRET (AUTH_SECRET_1..3 rotate), else NEXTAUTH_SECRET. */
  secret?: string | string[]
}

function header(req: GetTokenParams['req'], name: string): string | undefined {
  const h = req.headers
  if (typeof (h as Headers).get === 'function') return (h as Headers).get(name) ?? undefined
  const v = (h as Record<string, string | string[] | undefined>)[name]
  return Array.isArray(v) ? v[0] : v
}

/**
 * Whether the `__Secure-` cookie is the one to read: AUTH_URL's scheme when set, else X-Forwarded-Proto,
 * else the request URL's scheme (behind `next start` that is plain http, so set AUTH_URL in production).
 */
function isSecure(req: GetTokenParams['req'], env: Record<string, string | undefined>): boolean {
  if (env.AUTH_URL) return env.AUTH_URL.startsWith('https:')
  const proto = header(req, 'x-forwarded-proto')?.split(',')[0]?.trim()
  if (proto) return proto === 'https'
  const url = (req as Request).url
  return typeof url === 'string' && url.startsWith('https:')
}

/** The decrypted session token, or null (never throws on a bad token). Throws only when there is no secret. */
export async function getToken(params: NextGetTokenParams<false>): Promise<JWT | null>
export async function getToken(params: NextGetTokenParams<true>): Promise<string | null>
export async function getToken(params: NextGetTokenParams<boolean>): Promise<JWT | string | null> {
  const env = nextEnv()
  const secret = params.secret ?? envSecret(env)
  if (!secret || (Array.isArray(secret) && !secret.length)) {
    throw new Error('@latch/next/jwt: getToken needs a secret: set AUTH_SECRET or pass { secret }')
  }
  const secureCookie = params.secureCookie ?? isSecure(params.req, env)
  const read = coreGetToken as (p: GetTokenParams<boolean>) => Promise<JWT | string | null>
  return read({ ...params, secret, secureCookie })
}
