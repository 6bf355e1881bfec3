/**
 * `getToken` for Next: the session JWT of a request (proxy/middleware, route handler, API route,
 * getServerSideProps), with AUTH_SECRET (or NEXTAUTH_SECRET) from the environment.
 *
 *   import { getToken } from '@latch/next/jwt'
 *   const token = await getToken({ req })
 */
import { encode, decode, decodeLegacy, type JWT } from '@latch/core/jwt'
import { nextEnv } from './lib/config.js'
import { tokenFromEnv, type NextGetTokenParams } from './lib/token.js'

export { encode, decode, decodeLegacy }
export type { JWT, JWTDecodeParams, JWTEncodeParams, JWTOptions, DefaultJWT } from '@latch/core/jwt'
export type { NextGetTokenParams }

/** The decrypted session token, or null (never throws on a bad token). Throws only when there is no secret. */
export async function getToken(params: NextGetTokenParams<false>): Promise<JWT | null>
export async function getToken(params: NextGetTokenParams<true>): Promise<string | null>
export async function getToken(params: NextGetTokenParams<boolean>): Promise<JWT | string | null> {
  return tokenFromEnv(params, nextEnv())
}
