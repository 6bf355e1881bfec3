import type { JWT, JWTDecodeParams, JWTEncodeParams } from '../tokens/jwt-types.js'
import { decodeToken, encodeToken } from '../tokens/jwt.js'
import { jsMac } from '../tokens/hmac-sha512.js'

/**
 * The session cookie codec `Auth()` uses by default (`jwt.encode` / `jwt.decode`): the same tokens as
 * `@latch/core/jwt`'s `encode` / `decode`, byte for byte, with A256CBC-HS512's MAC computed in JavaScript
 * (tokens/hmac-sha512.ts) instead of by WebCrypto. In Node every WebCrypto call is a round trip through the
 * thread pool; this makes a session read one (the decryption) and a re-issue two.
 */
export function encodeSession<Payload extends Record<string, unknown> = JWT>(params: JWTEncodeParams<Payload>): Promise<string> {
  return encodeToken(params, jsMac)
}

export function decodeSession<Payload = JWT>(params: JWTDecodeParams): Promise<Payload | null> {
  return decodeToken<Payload>(params, jsMac)
}
