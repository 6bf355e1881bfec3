import type { JWT } from './tokens/jwt-types.js'
import { decode, decodeLegacy, encode } from './tokens/jwt.js'
import { parseCookies } from './http/cookies.js'
import { readChunked } from './http/chunks.js'
import { sessionTokenName } from './http/cookie-names.js'
import { LEGACY_NAMES } from './session/jwt-session.js'

export { encode, decode, decodeLegacy }
export type { JWT, JWTDecodeParams, JWTEncodeParams, JWTOptions, DefaultJWT } from './tokens/jwt-types.js'

export interface GetTokenParams<R extends boolean = false> {
  /** A Web Request, or anything with `headers` (a Headers object or a plain record, as in Node/Express). */
  req: Request | { headers: Headers | Record<string, string | string[] | undefined> }
  secret: string | string[]
  /** Defaults to the cookie name. */
  salt?: string
  cookieName?: string
  /** Use the `__Secure-` cookie name. Defaults to true when the request URL is https. */
  secureCookie?: boolean
  /** Return the encrypted token string instead of its payload. */
  raw?: R
  /** Also read NextAuth v4 `next-auth.session-token` cookies. */
  legacy?: boolean
  decode?: (params: { token?: string; salt: string; secret: string | string[] }) => Promise<JWT | null> | JWT | null
}

function header(req: GetTokenParams['req'], name: string): string | null {
  const h = req.headers
  if (typeof (h as Headers).get === 'function') return (h as Headers).get(name)
  const v = (h as Record<string, string | string[] | undefined>)[name]
  return Array.isArray(v) ? v.join('; ') : (v ?? null)
}

/**
 * Read and decrypt the session JWT of a request (cookie, or `Authorization: Bearer <token>`).
 * Returns null for anything that is not a valid token; never throws on bad input.
 */
export async function getToken(params: GetTokenParams<false>): Promise<JWT | null>
export async function getToken(params: GetTokenParams<true>): Promise<string | null>
export async function getToken(params: GetTokenParams<boolean>): Promise<JWT | string | null> {
  const { req, secret } = params
  let secure = params.secureCookie
  if (secure === undefined) {
    const url = (req as Request).url
    secure = typeof url === 'string' && url.startsWith('https://')
  }
  const cookieName = params.cookieName ?? sessionTokenName(secure)
  const jar = parseCookies(header(req, 'cookie'))
  let token = readChunked(jar, cookieName)
  let legacyToken: string | undefined
  if (!token && params.legacy) legacyToken = readChunked(jar, LEGACY_NAMES[secure ? 0 : 1])
  if (!token && !legacyToken) {
    const auth = header(req, 'authorization')
    const [scheme, value] = auth?.split(' ') ?? []
    if (scheme === 'Bearer' && value) {
      try {
        token = decodeURIComponent(value)
      } catch {
        return null
      }
    }
  }
  if (!token && !legacyToken) return null
  if (params.raw) return token ?? legacyToken ?? null
  try {
    if (token) return (await (params.decode ?? decode)({ token, salt: params.salt ?? cookieName, secret })) ?? null
    return await decodeLegacy<JWT>({ token: legacyToken, secret })
  } catch {
    return null
  }
}
