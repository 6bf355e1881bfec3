import { deriveEncryptionKey, deriveLegacyKey, derivedEncryptionKey } from './keys.js'
import { CBC_ENC, encryptCanonical, webCryptoMac, type CbcMac } from './jwe-cbc.js'
import { decryptDirJwe, GCM_ENC, isPlainObject, jwtClaims, parseDirJwe } from './jwe-dir.js'
import type { JWT, JWTDecodeParams, JWTEncodeParams } from './jwt-types.js'

export const DEFAULT_MAX_AGE = 30 * 24 * 60 * 60
const ENC = CBC_ENC
const CLOCK_TOLERANCE = 15

function secrets(secret: string | string[] | undefined): string[] {
  const list = (Array.isArray(secret) ? secret : [secret]).filter((s): s is string => typeof s === 'string' && s !== '')
  if (!list.length) throw new TypeError('A secret is required to encode or decode a session token (AUTH_SECRET)')
  return list
}

const now = () => Math.floor(Date.now() / 1000)

/** The time claims are checked against: `at` (seconds) when given, else the clock; 15 s tolerance. */
const clockAt = (at: number | undefined) => ({ now: Math.floor(at !== undefined ? at : Date.now() / 1000), clockTolerance: CLOCK_TOLERANCE })

/** Encrypt a JWT exactly as Auth.js v5 does: JWE `dir` + A256CBC-HS512, `kid` = key thumbprint. */
export function encode<Payload extends Record<string, unknown> = JWT>(params: JWTEncodeParams<Payload>): Promise<string> {
  return encodeToken(params, webCryptoMac)
}

/** `encode` with the MAC computed by `mac` (session/jwt-codec.ts passes the JavaScript HMAC). */
export async function encodeToken<Payload extends Record<string, unknown> = JWT>(
  params: JWTEncodeParams<Payload>,
  mac: CbcMac,
): Promise<string> {
  const { token = {} as Payload, salt, maxAge = DEFAULT_MAX_AGE } = params
  const [first] = secrets(params.secret)
  const { key, kid } = derivedEncryptionKey(ENC, first!, salt) ?? (await deriveEncryptionKey(ENC, first!, salt))
  const iat = params.now ?? now()
  // What jose's EncryptJWT refuses, refused the same way.
  if (!isPlainObject(token)) throw new TypeError('JWT Claims Set MUST be an object')
  if (!Number.isFinite(iat) || !Number.isFinite(maxAge)) throw new TypeError('Invalid iat or maxAge: finite numbers of seconds are required')
  // The bytes jose's EncryptJWT would produce (header, claim order), with cached CryptoKeys.
  const claims: Record<string, unknown> = structuredClone(token)
  claims.iat = iat
  claims.exp = iat + maxAge
  claims.jti = crypto.randomUUID()
  return encryptCanonical(claims, key, kid, mac)
}

/**
 * Decrypt an Auth.js v5 token. Any of the secrets may match; the `kid` picks the key.
 * Returns null for any token that does not decrypt, is expired, or is malformed: never throws on bad input.
 */
export function decode<Payload = JWT>(params: JWTDecodeParams): Promise<Payload | null> {
  return decodeToken<Payload>(params, webCryptoMac)
}

/** `decode` with the MAC computed by `mac` (session/jwt-codec.ts passes the JavaScript HMAC). */
export async function decodeToken<Payload = JWT>(params: JWTDecodeParams, mac: CbcMac): Promise<Payload | null> {
  const { token, salt } = params
  const list = secrets(params.secret)
  if (!token || typeof token !== 'string' || token.length > 64 * 1024) return null
  const jwe = parseDirJwe(token, [ENC, GCM_ENC])
  if (!jwe) return null
  const clock = clockAt(params.now)
  // The kid picks the secret; without one, the first secret is tried (as jose's key callback is asked once).
  for (const s of list) {
    const derived = derivedEncryptionKey(jwe.enc, s, salt) ?? (await deriveEncryptionKey(jwe.enc, s, salt))
    if (jwe.kid !== undefined && jwe.kid !== derived.kid) continue
    let plaintext: Uint8Array | null
    try {
      plaintext = await decryptDirJwe(jwe, derived.key, mac)
    } catch {
      plaintext = null
    }
    return plaintext && (jwtClaims(jwe.header, plaintext, clock) as Payload | null)
  }
  return null
}

/** Decrypt a NextAuth v4 session token (JWE `dir` + A256GCM, no kid). Null when it does not decrypt. */
export async function decodeLegacy<Payload = JWT>(params: { token?: string; secret: string | string[]; now?: number }): Promise<Payload | null> {
  const { token } = params
  if (!token || typeof token !== 'string' || token.length > 64 * 1024) return null
  const jwe = parseDirJwe(token, [GCM_ENC])
  if (!jwe) return null
  const clock = clockAt(params.now)
  for (const s of secrets(params.secret)) {
    const { key } = await deriveLegacyKey(s)
    const plaintext = await decryptDirJwe(jwe, key).catch(() => null)
    if (plaintext) return jwtClaims(jwe.header, plaintext, clock) as Payload | null
  }
  return null
}
