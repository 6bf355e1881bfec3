import { b64uDecode, b64uEncode } from './base64url.js'
import type { JWT } from './jwt-types.js'

/**
 * The session cookie's exact shape, JWE compact `dir` + A256CBC-HS512 (RFC 7516 / RFC 7518 §5.2.2), done
 * with CryptoKeys imported once per derived key. jose re-imports both halves of the raw key and builds a
 * throwaway HMAC key for its tag comparison on every call (7 WebCrypto round trips); here a read is one HMAC
 * sign and one AES-CBC decrypt, and a write one encrypt and one sign.
 *
 * Only the canonical shape is handled: protected header with exactly `alg: "dir"`, `enc: "A256CBC-HS512"`
 * and an optional string `kid`, an empty encrypted key, nothing else. Anything else returns FALLBACK and the
 * caller hands the token to jose's jwtDecrypt unchanged, so every other header (crit, zip, other algs, extra
 * parameters) keeps jose's exact handling. The checks done here are jose's: strict base64url, strict UTF-8,
 * top-level JSON object, MAC verified before decryption and compared in constant time, IV/tag lengths, and
 * the numeric-date claims `iat` / `nbf` / `exp` with the same clock tolerance.
 */

export const CBC_ENC = 'A256CBC-HS512'
export const FALLBACK: unique symbol = Symbol('jwe-cbc.fallback')

interface CbcKeys {
  mac: CryptoKey
  enc: CryptoKey
}

const imported = new WeakMap<Uint8Array, Promise<CbcKeys>>()

/** AES-256-CBC and HMAC-SHA-512 keys for a 64-byte CEK (MAC key first, as RFC 7518 §5.2.2.1 splits it). */
function cbcKeys(cek: Uint8Array): Promise<CbcKeys> {
  let hit = imported.get(cek)
  if (!hit) {
    if (cek.byteLength !== 64) throw new TypeError('A256CBC-HS512 needs a 64-byte key')
    hit = Promise.all([
      crypto.subtle.importKey('raw', cek.slice(0, 32), { name: 'HMAC', hash: 'SHA-512' }, false, ['sign']),
      crypto.subtle.importKey('raw', cek.slice(32), 'AES-CBC', false, ['encrypt', 'decrypt']),
    ]).then(([mac, enc]) => ({ mac, enc }))
    imported.set(cek, hit)
    hit.catch(() => imported.delete(cek))
  }
  return hit
}

const encoder = new TextEncoder()
const strictDecoder = new TextDecoder('utf-8', { fatal: true })

function ascii(s: string): Uint8Array {
  const out = new Uint8Array(s.length)
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i)
    if (c > 127) throw new TypeError('non-ASCII protected header')
    out[i] = c
  }
  return out
}

/** AAD || IV || ciphertext || AL (AAD length in bits, 64-bit big-endian). */
function macInput(aad: Uint8Array, iv: Uint8Array, ciphertext: Uint8Array): Uint8Array {
  const out = new Uint8Array(aad.length + iv.length + ciphertext.length + 8)
  out.set(aad, 0)
  out.set(iv, aad.length)
  out.set(ciphertext, aad.length + iv.length)
  const bits = aad.length * 8
  const view = new DataView(out.buffer, out.byteOffset + out.length - 8, 8)
  view.setUint32(0, Math.floor(bits / 0x100000000))
  view.setUint32(4, bits >>> 0)
  return out
}

async function tagOf(mac: CryptoKey, data: Uint8Array): Promise<Uint8Array> {
  return new Uint8Array(await crypto.subtle.sign('HMAC', mac, data as Uint8Array<ArrayBuffer>)).slice(0, 32)
}

/** Constant-time comparison of two byte strings (time depends only on the length of `b`). */
function equalBytes(a: Uint8Array, b: Uint8Array): boolean {
  let diff = a.length ^ b.length
  for (let i = 0; i < b.length; i++) diff |= (a[i % (a.length || 1)] ?? 0) ^ b[i]!
  return diff === 0
}

function isPlainObject(v: unknown): v is Record<string, unknown> {
  if (typeof v !== 'object' || v === null || Object.prototype.toString.call(v) !== '[object Object]') return false
  const proto = Object.getPrototypeOf(v)
  return proto === null || Object.getPrototypeOf(proto) === null
}

export interface CbcHeader {
  kid: string | undefined
}

/**
 * Parse the compact token far enough to tell whether it has the canonical shape.
 * FALLBACK when it does not (jose then decides), null when it has that shape but is malformed.
 */
export function parseCanonical(token: string): { header: CbcHeader; parts: string[] } | typeof FALLBACK {
  const parts = token.split('.')
  if (parts.length !== 5 || parts[1] !== '') return FALLBACK
  let header: unknown
  try {
    header = JSON.parse(strictDecoder.decode(b64uDecode(parts[0]!)))
  } catch {
    return FALLBACK
  }
  if (!isPlainObject(header) || header.alg !== 'dir' || header.enc !== CBC_ENC) return FALLBACK
  for (const k of Object.keys(header)) if (k !== 'alg' && k !== 'enc' && k !== 'kid') return FALLBACK
  if (header.kid !== undefined && typeof header.kid !== 'string') return FALLBACK
  return { header: { kid: header.kid as string | undefined }, parts }
}

/**
 * Decrypt and validate a canonical token with `cek`. Null for anything that fails: bad encoding, wrong key,
 * tampering, a payload that is not a JSON object, a malformed or failed `iat` / `nbf` / `exp`.
 */
export async function decryptCanonical(
  parts: string[],
  cek: Uint8Array,
  opts: { now: number; clockTolerance: number },
): Promise<JWT | null> {
  let iv: Uint8Array, ciphertext: Uint8Array, tag: Uint8Array, aad: Uint8Array
  try {
    aad = ascii(parts[0]!)
    iv = b64uDecode(parts[2]!)
    ciphertext = b64uDecode(parts[3]!)
    tag = b64uDecode(parts[4]!)
  } catch {
    return null
  }
  if (iv.length !== 16 || tag.length !== 32 || ciphertext.length === 0 || ciphertext.length % 16 !== 0) return null
  const keys = await cbcKeys(cek)
  // Encrypt-then-MAC: authenticate before touching the ciphertext (no padding oracle).
  const expected = await tagOf(keys.mac, macInput(aad, iv, ciphertext))
  if (!equalBytes(expected, tag)) return null
  let claims: unknown
  try {
    const plaintext = await crypto.subtle.decrypt(
      { name: 'AES-CBC', iv: iv as Uint8Array<ArrayBuffer> },
      keys.enc,
      ciphertext as Uint8Array<ArrayBuffer>,
    )
    claims = JSON.parse(strictDecoder.decode(plaintext))
  } catch {
    return null
  }
  if (!isPlainObject(claims)) return null
  const { now, clockTolerance } = opts
  const { iat, nbf, exp } = claims
  if (iat !== undefined && typeof iat !== 'number') return null
  if (nbf !== undefined && (typeof nbf !== 'number' || nbf > now + clockTolerance)) return null
  if (exp !== undefined && (typeof exp !== 'number' || exp <= now - clockTolerance)) return null
  return claims as JWT
}

/** Encrypt `claims` (a plain object) as a canonical token: header `{"alg":"dir","enc":"A256CBC-HS512","kid":...}`. */
export async function encryptCanonical(claims: Record<string, unknown>, cek: Uint8Array, kid: string): Promise<string> {
  if (!isPlainObject(claims)) throw new TypeError('JWT Claims Set MUST be an object')
  for (const c of ['iat', 'nbf', 'exp'] as const) {
    const v = claims[c]
    if (typeof v === 'number' && !Number.isFinite(v)) throw new TypeError(`"${c}" claim must be a finite number`)
  }
  const protectedB64 = b64uEncode(JSON.stringify({ alg: 'dir', enc: CBC_ENC, kid }))
  const plaintext = encoder.encode(JSON.stringify(claims))
  const keys = await cbcKeys(cek)
  const iv = crypto.getRandomValues(new Uint8Array(16))
  const ciphertext = new Uint8Array(
    await crypto.subtle.encrypt({ name: 'AES-CBC', iv }, keys.enc, plaintext as Uint8Array<ArrayBuffer>),
  )
  const tag = await tagOf(keys.mac, macInput(ascii(protectedB64), iv, ciphertext))
  return `${protectedB64}..${b64uEncode(iv)}.${b64uEncode(ciphertext)}.${b64uEncode(tag)}`
}
