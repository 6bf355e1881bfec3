import { b64uEncode } from './base64url.js'
import { hmacKey, hmacSha512, type HmacKey } from './hmac-sha512.js'

/**
 * JWE content encryption A256CBC-HS512 (RFC 7518 §5.2.2) with keys prepared once per derived key.
 * jose re-imports both halves of the raw key and builds a throwaway HMAC key for its tag comparison on every
 * call (7 WebCrypto round trips). Here the MAC is computed synchronously (hmac-sha512.ts) and the AES-CBC key
 * is a CryptoKey imported once, so a read is one WebCrypto call (the decryption, made only after the tag
 * matched) and a write one (the encryption). Parsing and the claim checks are in jwe-dir.ts.
 */

export const CBC_ENC = 'A256CBC-HS512'

interface CbcKeys {
  mac: HmacKey
  enc: CryptoKey
}

/** Imported keys per CEK: the promise while the import runs, then the keys themselves (no await on a hit). */
const imported = new WeakMap<Uint8Array, CbcKeys | Promise<CbcKeys>>()

/** AES-256-CBC and HMAC-SHA-512 keys for a 64-byte CEK (MAC key first, as RFC 7518 §5.2.2.1 splits it). */
function cbcKeys(cek: Uint8Array): CbcKeys | Promise<CbcKeys> {
  let hit = imported.get(cek)
  if (!hit) {
    if (cek.byteLength !== 64) throw new TypeError('A256CBC-HS512 needs a 64-byte key')
    const mac = hmacKey(cek.subarray(0, 32))
    const pending = crypto.subtle
      .importKey('raw', cek.slice(32), 'AES-CBC', false, ['encrypt', 'decrypt'])
      .then((enc) => {
        const keys = { mac, enc }
        imported.set(cek, keys)
        return keys
      })
    imported.set(cek, pending)
    pending.catch(() => imported.delete(cek))
    hit = pending
  }
  return hit
}

const encoder = new TextEncoder()

export function ascii(s: string): Uint8Array {
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

/** The A256CBC-HS512 tag: the first half of HMAC-SHA-512 over AAD || IV || ciphertext || AL. */
function tagOf(mac: HmacKey, aad: Uint8Array, iv: Uint8Array, ciphertext: Uint8Array): Uint8Array {
  return hmacSha512(mac, macInput(aad, iv, ciphertext), 32)
}

/** Constant-time comparison of two byte strings (time depends only on the length of `b`). */
function equalBytes(a: Uint8Array, b: Uint8Array): boolean {
  let diff = a.length ^ b.length
  for (let i = 0; i < b.length; i++) diff |= (a[i % (a.length || 1)] ?? 0) ^ b[i]!
  return diff === 0
}

/**
 * Check the tag, then decrypt (RFC 7518 §5.2.2.2). Null when the IV or tag has the wrong length, the tag does
 * not match (compared in constant time, before any decryption: no padding oracle) or the padding is bad.
 */
export async function cbcDecrypt(
  cek: Uint8Array,
  aad: Uint8Array,
  iv: Uint8Array,
  ciphertext: Uint8Array,
  tag: Uint8Array,
): Promise<Uint8Array | null> {
  if (iv.length !== 16 || tag.length !== 32 || ciphertext.length === 0 || ciphertext.length % 16 !== 0) return null
  let keys = cbcKeys(cek)
  if (keys instanceof Promise) keys = await keys
  if (!equalBytes(tagOf(keys.mac, aad, iv, ciphertext), tag)) return null
  try {
    const plaintext = await crypto.subtle.decrypt(
      { name: 'AES-CBC', iv: iv as Uint8Array<ArrayBuffer> },
      keys.enc,
      ciphertext as Uint8Array<ArrayBuffer>,
    )
    return new Uint8Array(plaintext)
  } catch {
    return null
  }
}

/**
 * Encrypt `claims` as a canonical token: header `{"alg":"dir","enc":"A256CBC-HS512","kid":...}`.
 * `claims` must be a plain object (encode() checks the caller's token before cloning it).
 */
export async function encryptCanonical(claims: Record<string, unknown>, cek: Uint8Array, kid: string): Promise<string> {
  for (const c of ['iat', 'nbf', 'exp'] as const) {
    const v = claims[c]
    if (typeof v === 'number' && !Number.isFinite(v)) throw new TypeError(`"${c}" claim must be a finite number`)
  }
  const protectedB64 = b64uEncode(JSON.stringify({ alg: 'dir', enc: CBC_ENC, kid }))
  const plaintext = encoder.encode(JSON.stringify(claims))
  let keys = cbcKeys(cek)
  if (keys instanceof Promise) keys = await keys
  const iv = crypto.getRandomValues(new Uint8Array(16))
  const ciphertext = new Uint8Array(
    await crypto.subtle.encrypt({ name: 'AES-CBC', iv }, keys.enc, plaintext as Uint8Array<ArrayBuffer>),
  )
  const tag = tagOf(keys.mac, ascii(protectedB64), iv, ciphertext)
  return `${protectedB64}..${b64uEncode(iv)}.${b64uEncode(ciphertext)}.${b64uEncode(tag)}`
}
