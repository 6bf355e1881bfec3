import { b64uDecode } from './base64url.js'
import { ascii, CBC_ENC, cbcDecrypt, type CbcMac } from './jwe-cbc.js'
import type { JWT } from './jwt-types.js'

/**
 * Reading a compact JWE with `alg: "dir"` (RFC 7516, RFC 7518 §4.5): the only key management a session
 * token uses (Auth.js v5: A256CBC-HS512 with a `kid`; NextAuth v4: A256GCM).
 *
 * It accepts and refuses what jose's `jwtDecrypt` does with `keyManagementAlgorithms: ['dir']`, and
 * test/jwe-dir.test.ts checks that against jose token by token. jose is not used at run time because its JWE
 * code brings in every key-management algorithm (RSA-OAEP, ECDH-ES, AES-KW, PBES2): about 32 kB of a bundle
 * for tokens that are always `dir`. The rules, all as jose applies them:
 * - five parts, an empty encrypted key, a non-empty IV and tag, strict base64url;
 * - the protected header is a JSON object (strict UTF-8); any `crit` is refused (no JWE extension is
 *   recognised); `zip` must be absent or `"DEF"` (raw DEFLATE, inflated up to 250,000 bytes);
 * - `alg` is `"dir"` and `enc` one of the allowed; the IV and tag lengths are the algorithm's;
 * - the claims are a top-level JSON object; `iat`, `nbf`, `exp` are numbers when present; `nbf` and `exp` hold
 *   with the clock tolerance; `iss`, `sub`, `aud` replicated in the header equal the claims.
 */

export const GCM_ENC = 'A256GCM'
export type DirEnc = typeof CBC_ENC | typeof GCM_ENC

/** What jose's default `maxDecompressedLength` allows. */
const MAX_INFLATED = 250_000
const strictDecoder = new TextDecoder('utf-8', { fatal: true })

/** jose's test for a JSON object: an object whose prototype is Object.prototype or null. */
export function isPlainObject(v: unknown): v is Record<string, unknown> {
  if (typeof v !== 'object' || v === null || Object.prototype.toString.call(v) !== '[object Object]') return false
  const proto = Object.getPrototypeOf(v)
  return proto === null || Object.getPrototypeOf(proto) === null
}

export interface DirJwe {
  header: Record<string, unknown>
  enc: DirEnc
  /** The header's `kid`, whatever its type: only a string can match a derived key. */
  kid: unknown
  aad: Uint8Array
  iv: Uint8Array
  ciphertext: Uint8Array
  tag: Uint8Array
}

/** Parse and check everything but the key. Null for anything a `dir` token with one of `allowed` can't be. */
export function parseDirJwe(token: string, allowed: readonly DirEnc[]): DirJwe | null {
  const parts = token.split('.')
  if (parts.length !== 5) return null
  const [protectedB64, encryptedKey, ivB64, ciphertextB64, tagB64] = parts as [string, string, string, string, string]
  if (encryptedKey !== '' || ivB64 === '' || tagB64 === '') return null
  let header: unknown, aad: Uint8Array, iv: Uint8Array, ciphertext: Uint8Array, tag: Uint8Array
  try {
    header = JSON.parse(strictDecoder.decode(b64uDecode(protectedB64)))
    aad = ascii(protectedB64)
    iv = b64uDecode(ivB64)
    ciphertext = b64uDecode(ciphertextB64)
    tag = b64uDecode(tagB64)
  } catch {
    return null
  }
  if (!isPlainObject(header)) return null
  if (header.crit !== undefined) return null
  if (header.zip !== undefined && header.zip !== 'DEF') return null
  if (header.alg !== 'dir') return null
  const enc = header.enc as DirEnc
  if (!allowed.includes(enc)) return null
  if (enc === GCM_ENC && (iv.length !== 12 || tag.length !== 16)) return null
  return { header, enc, kid: header.kid, aad, iv, ciphertext, tag }
}

const gcmKeys = new WeakMap<Uint8Array, Promise<CryptoKey>>()

function gcmKey(cek: Uint8Array): Promise<CryptoKey> {
  let hit = gcmKeys.get(cek)
  if (!hit) {
    hit = crypto.subtle.importKey('raw', cek as Uint8Array<ArrayBuffer>, 'AES-GCM', false, ['decrypt'])
    gcmKeys.set(cek, hit)
    hit.catch(() => gcmKeys.delete(cek))
  }
  return hit
}

async function gcmDecrypt(cek: Uint8Array, jwe: DirJwe): Promise<Uint8Array | null> {
  const sealed = new Uint8Array(jwe.ciphertext.length + jwe.tag.length)
  sealed.set(jwe.ciphertext)
  sealed.set(jwe.tag, jwe.ciphertext.length)
  try {
    const plain = await crypto.subtle.decrypt(
      { name: 'AES-GCM', iv: jwe.iv as Uint8Array<ArrayBuffer>, additionalData: jwe.aad as Uint8Array<ArrayBuffer>, tagLength: 128 },
      await gcmKey(cek),
      sealed,
    )
    return new Uint8Array(plain)
  } catch {
    return null
  }
}

/** Raw DEFLATE (RFC 1951), stopped once the output passes `limit` bytes. Null on any error. */
async function inflate(data: Uint8Array, limit: number): Promise<Uint8Array | null> {
  if (typeof DecompressionStream === 'undefined') return null
  try {
    const reader = new Blob([data as Uint8Array<ArrayBuffer>]).stream().pipeThrough(new DecompressionStream('deflate-raw')).getReader()
    const parts: Uint8Array[] = []
    let size = 0
    for (let r; !(r = await reader.read()).done; ) {
      if ((size += r.value.length) > limit) {
        reader.cancel().catch(() => {})
        return null
      }
      parts.push(r.value)
    }
    const out = new Uint8Array(size)
    let at = 0
    for (const p of parts) {
      out.set(p, at)
      at += p.length
    }
    return out
  } catch {
    return null
  }
}

/** The plaintext, or null when `cek` does not authenticate the token. `cek` must be the key for `jwe.enc`. */
export function decryptDirJwe(jwe: DirJwe, cek: Uint8Array, mac?: CbcMac): Promise<Uint8Array | null> {
  if (cek.byteLength !== (jwe.enc === CBC_ENC ? 64 : 32)) return Promise.resolve(null)
  const plaintext = jwe.enc === CBC_ENC ? cbcDecrypt(cek, jwe.aad, jwe.iv, jwe.ciphertext, jwe.tag, mac) : gcmDecrypt(cek, jwe)
  return jwe.header.zip === 'DEF' ? plaintext.then((p) => p && inflate(p, MAX_INFLATED)) : plaintext
}

/** The claims as jose's jwtDecrypt returns them (see the rules above), or null. */
export function jwtClaims(
  header: Record<string, unknown>,
  plaintext: Uint8Array,
  opts: { now: number; clockTolerance: number },
): JWT | null {
  let claims: unknown
  try {
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
  for (const c of ['iss', 'sub'] as const) if (header[c] !== undefined && header[c] !== claims[c]) return null
  if (header.aud !== undefined && JSON.stringify(header.aud) !== JSON.stringify(claims.aud)) return null
  return claims as JWT
}
