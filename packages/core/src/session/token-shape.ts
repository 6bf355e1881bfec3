/**
 * The shape of a database session token, checked before any adapter sees a cookie value. A client-chosen cookie
 * (`' OR '1'='1`, `%`, `*`, NUL, 513 characters, non-ASCII) is simply no session: no query, no 5xx.
 */

/** What Latch mints: 32 random bytes as 64 lower-case hex characters. */
const LATCH = /^[0-9a-f]{64}$/
/** What Auth.js mints (`crypto.randomUUID()`): accepted so sessions carried over from Auth.js keep working. */
const UUID = /^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$/
/** What a custom `session.generateSessionToken` may mint: 16 to 512 URL- and cookie-safe ASCII characters. */
const CUSTOM = /^[A-Za-z0-9._~+/=-]{16,512}$/

/**
 * Whether `token` has the shape of a session token this app mints: Latch's hex or an Auth.js UUID, or, with a
 * custom `generateSessionToken`, the generic token charset (the generator's output is held to it when minted).
 */
export function isSessionTokenShape(token: unknown, customGenerator: boolean): token is string {
  if (typeof token !== 'string') return false
  return LATCH.test(token) || UUID.test(token) || (customGenerator && CUSTOM.test(token))
}

/** Whether a freshly minted token (from a custom generator) will be readable back. */
export function isMintableToken(token: unknown): token is string {
  return typeof token === 'string' && CUSTOM.test(token)
}
