import { b64uEncode } from './base64url.js'

/**
 * JWE content encryption A256CBC-HS512 (RFC 7518 §5.2.2) with keys prepared once per derived key.
 * jose re-imports both halves of the raw key and builds a throwaway HMAC key for its tag comparison on every
 * call (7 WebCrypto round trips). Here the AES-CBC key is a CryptoKey imported once, and the MAC is computed
 * by a `CbcMac`: WebCrypto's HMAC (`webCryptoMac`, what `@latch/core/jwt` uses: the smallest edge bundle), or
 * HMAC-SHA-512 in JavaScript (`jsMac` in hmac-sha512.ts, what `Auth()` uses for the session cookie: one
 * WebCrypto round trip per read and per write instead of two). The tag is always checked before decrypting.
 * Parsing and the claim checks are in jwe-dir.ts.
 */

export const CBC_ENC = 'A256CBC-HS512'

/** The MAC half of A256CBC-HS512: a key prepared once from the 32-byte MAC key, and the 32-byte tag. */
export interface CbcMac<K = unknown> {
  key(raw: Uint8Array): K | Promise<K>
  tag(key: K, data: Uint8Array): Uint8Array | Promise<Uint8Array>
}

export const webCryptoMac: CbcMac<CryptoKey> = {
  key: (raw) => crypto.subtle.importKey('raw', raw as Uint8Array<ArrayBuffer>, { name: 'HMAC', hash: 'SHA-512' }, false, ['sign']),
  tag: async (key, data) => new Uint8Array(await crypto.subtle.sign('HMAC', key, data as Uint8Array<ArrayBuffer>)).slice(0, 32),
}

interface CbcKeys {
  mac: unknown
  enc: CryptoKey
}

/** Keys per MAC and CEK: the promise while the import runs, then the keys themselves (no await on a hit). */
const imported = new WeakMap<CbcMac, WeakMap<Uint8Array, CbcKeys | Promise<CbcKeys>>>()

/** AES-256-CBC and MAC keys for a 64-byte CEK (MAC key first, as RFC 7518 §5.2.2.1 splits it). */
function cbcKeys(cek: Uint8Array, mac: CbcMac): CbcKeys | Promise<CbcKeys> {
  let cache = imported.get(mac)
  if (!cache) imported.set(mac, (cache = new WeakMap()))
  let hit = cache.get(cek)
  if (!hit) {
    if (cek.byteLength !== 64) throw new TypeError('A256CBC-HS512 needs a 64-byte key')
    const map = cache
    const pending = Promise.all([
      mac.key(cek.slice(0, 32)),
      crypto.subtle.importKey('raw', cek.slice(32), 'AES-CBC', false, ['encrypt', 'decrypt']),
    ]).then(([m, enc]) => {
      const keys = { mac: m, enc }
      map.set(cek, keys)
      return keys
    })
    map.set(cek, pending)
    pending.catch(() => map.delete(cek))
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
async function tagOf(mac: CbcMac, keys: CbcKeys, aad: Uint8Array, iv: Uint8Array, ciphertext: Uint8Array): Promise<Uint8Array> {
  const tag = mac.tag(keys.mac, macInput(aad, iv, ciphertext))
  return tag instanceof Uint8Array ? tag : await tag
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
  mac: CbcMac = webCryptoMac,
): Promise<Uint8Array | null> {
  if (iv.length !== 16 || tag.length !== 32 || ciphertext.length === 0 || ciphertext.length % 16 !== 0) return null
  let keys = cbcKeys(cek, mac)
  if (keys instanceof Promise) keys = await keys
  let expected = mac.tag(keys.mac, macInput(aad, iv, ciphertext))
  if (!(expected instanceof Uint8Array)) expected = await expected
  if (!equalBytes(expected, tag)) return null
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

/** The encoded protected header per kid (one per key in use). */
const headers = new Map<string, string>()

/**
 * Encrypt `claims` as a canonical token: header `{"alg":"dir","enc":"A256CBC-HS512","kid":...}`.
 * `claims` must be a plain object (encode() checks the caller's token before cloning it).
 */
export async function encryptCanonical(
  claims: Record<string, unknown>,
  cek: Uint8Array,
  kid: string,
  mac: CbcMac = webCryptoMac,
): Promise<string> {
  for (const c of ['iat', 'nbf', 'exp'] as const) {
    const v = claims[c]
    if (typeof v === 'number' && !Number.isFinite(v)) throw new TypeError(`"${c}" claim must be a finite number`)
  }
  let protectedB64 = headers.get(kid)
  if (protectedB64 === undefined) {
    protectedB64 = b64uEncode(JSON.stringify({ alg: 'dir', enc: CBC_ENC, kid }))
    if (headers.size >= 64) headers.clear()
    headers.set(kid, protectedB64)
  }
  const plaintext = encoder.encode(JSON.stringify(claims))
  let keys = cbcKeys(cek, mac)
  if (keys instanceof Promise) keys = await keys
  const iv = crypto.getRandomValues(new Uint8Array(16))
  const ciphertext = new Uint8Array(
    await crypto.subtle.encrypt({ name: 'AES-CBC', iv }, keys.enc, plaintext as Uint8Array<ArrayBuffer>),
  )
  const tag = await tagOf(mac, keys, ascii(protectedB64), iv, ciphertext)
  return `${protectedB64}..${b64uEncode(iv)}.${b64uEncode(ciphertext)}.${b64uEncode(tag)}`
}
