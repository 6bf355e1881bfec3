import type { JWTDecryptGetKey } from 'jose'
import { deriveEncryptionKey, deriveLegacyKey } from './keys.js'
import { decryptCanonical, encryptCanonical, FALLBACK, parseCanonical } from './jwe-cbc.js'
import type { JWT, JWTDecodeParams, JWTEncodeParams } from './jwt-types.js'

export const DEFAULT_MAX_AGE = 30 * 24 * 60 * 60
const ENC = 'A256CBC-HS512'
const CLOCK_TOLERANCE = 15

function isPlainClaims(v: unknown): v is Record<string, unknown> {
  if (typeof v !== 'object' || v === null || Object.prototype.toString.call(v) !== '[object Object]') return false
  const proto = Object.getPrototypeOf(v)
  return proto === null || Object.getPrototypeOf(proto) === null
}

function secrets(secret: string | string[] | undefined): string[] {
  const list = (Array.isArray(secret) ? secret : [secret]).filter((s): s is string => typeof s === 'string' && s !== '')
  if (!list.length) throw new TypeError('A secret is required to encode or decode a session token (AUTH_SECRET)')
  return list
}

const now = () => Math.floor(Date.now() / 1000)

/** Encrypt a JWT exactly as Auth.js v5 does: JWE `dir` + A256CBC-HS512, `kid` = key thumbprint. */
export async function encode<Payload extends Record<string, unknown> = JWT>(
  params: JWTEncodeParams<Payload>,
): Promise<string> {
  const { token = {} as Payload, salt, maxAge = DEFAULT_MAX_AGE } = params
  const [first] = secrets(params.secret)
  const { key, kid } = await deriveEncryptionKey(ENC, first!, salt)
  const iat = params.now ?? now()
  if (isPlainClaims(token) && Number.isFinite(iat) && Number.isFinite(maxAge)) {
    // Same bytes as jose's EncryptJWT would produce (header, claim order), with cached CryptoKeys.
    const claims: Record<string, unknown> = structuredClone(token)
    claims.iat = iat
    claims.exp = iat + maxAge
    claims.jti = crypto.randomUUID()
    return encryptCanonical(claims, key, kid)
  }
  const { EncryptJWT } = await import('./jose-lazy.js')
  return new EncryptJWT(token)
    .setProtectedHeader({ alg: 'dir', enc: ENC, kid })
    .setIssuedAt(iat)
    .setExpirationTime(iat + maxAge)
    .setJti(crypto.randomUUID())
    .encrypt(key)
}

/**
 * Decrypt an Auth.js v5 token. Any of the secrets may match; the `kid` picks the key.
 * Returns null for any token that does not decrypt, is expired, or is malformed: never throws on bad input.
 */
export async function decode<Payload = JWT>(params: JWTDecodeParams): Promise<Payload | null> {
  const { token, salt } = params
  const list = secrets(params.secret)
  if (!token || typeof token !== 'string' || token.length > 64 * 1024) return null
  const canonical = parseCanonical(token)
  if (canonical !== FALLBACK) {
    // The session cookie's own shape: decrypted with cached CryptoKeys (see jwe-cbc.ts); same checks as jose.
    const { kid } = canonical.header
    for (const s of list) {
      const derived = await deriveEncryptionKey(ENC, s, salt)
      if (kid !== undefined && kid !== derived.kid) continue
      try {
        const now = Math.floor(params.now !== undefined ? params.now : Date.now() / 1000)
        return (await decryptCanonical(canonical.parts, derived.key, { now, clockTolerance: CLOCK_TOLERANCE })) as Payload | null
      } catch {
        return null
      }
    }
    return null
  }
  const getKey: JWTDecryptGetKey = async ({ kid, enc }) => {
    for (const s of list) {
      const derived = await deriveEncryptionKey(enc, s, salt)
      if (kid === undefined || kid === derived.kid) return derived.key
    }
    throw new Error('no matching decryption secret')
  }
  try {
    const { jwtDecrypt } = await import('./jose-lazy.js')
    const { payload } = await jwtDecrypt(token, getKey, {
      clockTolerance: CLOCK_TOLERANCE,
      keyManagementAlgorithms: ['dir'],
      contentEncryptionAlgorithms: [ENC, 'A256GCM'],
      currentDate: params.now !== undefined ? new Date(params.now * 1000) : undefined,
    })
    return payload as Payload
  } catch {
    return null
  }
}

/** Decrypt a NextAuth v4 session token (JWE `dir` + A256GCM, no kid). Null when it does not decrypt. */
export async function decodeLegacy<Payload = JWT>(params: { token?: string; secret: string | string[]; now?: number }): Promise<Payload | null> {
  const { token } = params
  if (!token || typeof token !== 'string' || token.length > 64 * 1024) return null
  const { jwtDecrypt } = await import('./jose-lazy.js')
  for (const s of secrets(params.secret)) {
    const { key } = await deriveLegacyKey(s)
    try {
      const { payload } = await jwtDecrypt(token, key, {
        clockTolerance: 15,
        keyManagementAlgorithms: ['dir'],
        contentEncryptionAlgorithms: ['A256GCM'],
        currentDate: params.now !== undefined ? new Date(params.now * 1000) : undefined,
      })
      return payload as Payload
    } catch {
      // try the next secret
    }
  }
  return null
}
