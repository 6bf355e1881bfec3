import type { CbcMac } from './jwe-cbc.js'

/**
 * HMAC-SHA-512 (RFC 2104, FIPS 180-4) in plain JavaScript, for the MAC half of A256CBC-HS512 (jwe-cbc.ts) in
 * the session cookie `Auth()` reads and writes (session/jwt-codec.ts).
 *
 * Why not WebCrypto: every `crypto.subtle` call is a job on another thread (Node's libuv pool) and at least
 * one trip through the event loop; on a busy server that round trip costs more than hashing the few hundred
 * bytes of a session token here. With the MAC computed synchronously, a session read makes one WebCrypto call
 * (the AES-CBC decryption, still only after the tag has been checked) and a write one (the encryption).
 * `@latch/core/jwt` keeps WebCrypto's HMAC: on edge runtimes WebCrypto runs in-process, and the ~1 kB of
 * this file would be a third of that entry's bundle.
 *
 * The 64-bit words are pairs of 32-bit integers (high, low). Only additions, XORs, shifts and rotations:
 * no table lookup or branch depends on the key or the data. The round constants and initial values are the
 * fractional parts of the cube and square roots of the first primes (FIPS 180-4 §4.2.3, §5.3.5), computed
 * once with BigInt instead of being spelled out (smaller edge bundles); test/hmac-sha512.test.ts holds the
 * result to the RFC 4231 vectors and to WebCrypto's HMAC.
 */

/** [hi, lo] x 80 round constants, then [hi, lo] x 8 initial hash values. */
let table: Int32Array | undefined

/** floor(p^(1/k) * 2^64) mod 2^64 for k = 2 or 3, as a [hi, lo] pair written at `at`. */
function fractionBits(out: Int32Array, at: number, p: number, k: 2 | 3): void {
  const n = BigInt(p) << BigInt(64 * k)
  const K = BigInt(k)
  // Newton's iteration for the integer k-th root, from above (the float estimate plus a margin).
  let x = BigInt(Math.ceil(p ** (1 / k) * 2 ** 32) + 1) << 32n
  for (;;) {
    const y = ((K - 1n) * x + n / x ** (K - 1n)) / K
    if (y >= x) break
    x = y
  }
  out[at] = Number((x >> 32n) & 0xffffffffn) | 0
  out[at + 1] = Number(x & 0xffffffffn) | 0
}

function constants(): Int32Array {
  if (table) return table
  const t = new Int32Array(176)
  for (let n = 2, i = 0; i < 80; n++) {
    let prime = true
    for (let d = 2; d * d <= n; d++) if (n % d === 0) prime = false
    if (!prime) continue
    fractionBits(t, 2 * i, n, 3)
    if (i < 8) fractionBits(t, 160 + 2 * i, n, 2)
    i++
  }
  return (table = t)
}

/** state[i..i+1] += (h, l), modulo 2^64. */
function add(state: Int32Array, i: number, h: number, l: number): void {
  const lo = (state[i + 1]! >>> 0) + (l >>> 0)
  state[i] = state[i]! + h + ((lo / 0x100000000) | 0)
  state[i + 1] = lo
}

/** One word of a 64-bit rotation right by n < 32 of (x, y): (x, y) gives the high word, (y, x) the low one. */
const R = (x: number, y: number, n: number) => (x >>> n) | (y << (32 - n))

// Scratch space for the message schedule (W, hi and lo interleaved): one per process, no allocation per block.
const W = new Int32Array(160)

/** Compress each 128-byte block of `data` into `state` (16 int32: [hi, lo] x 8). */
function blocks(state: Int32Array, data: Uint8Array): void {
  const K = constants()
  for (let off = 0; off < data.length; off += 128) {
    for (let i = 0; i < 32; i++) {
      const j = off + 4 * i
      W[i] = (data[j]! << 24) | (data[j + 1]! << 16) | (data[j + 2]! << 8) | data[j + 3]!
    }
    for (let i = 32; i < 160; i += 2) {
      // σ0(W[t-15]) = rotr 1 ^ rotr 8 ^ shr 7, σ1(W[t-2]) = rotr 19 ^ rotr 61 ^ shr 6
      let h = W[i - 30]!, l = W[i - 29]!
      const s0h = R(h, l, 1) ^ R(h, l, 8) ^ (h >>> 7)
      const s0l = R(l, h, 1) ^ R(l, h, 8) ^ R(l, h, 7)
      h = W[i - 4]!
      l = W[i - 3]!
      const s1h = R(h, l, 19) ^ R(l, h, 29) ^ (h >>> 6)
      const s1l = R(l, h, 19) ^ R(h, l, 29) ^ R(l, h, 6)
      const lo = (s0l >>> 0) + (s1l >>> 0) + (W[i - 13]! >>> 0) + (W[i - 31]! >>> 0)
      W[i] = s0h + s1h + W[i - 14]! + W[i - 32]! + ((lo / 0x100000000) | 0)
      W[i + 1] = lo
    }
    let ah = state[0]!, al = state[1]!, bh = state[2]!, bl = state[3]!, ch = state[4]!, cl = state[5]!
    let dh = state[6]!, dl = state[7]!, eh = state[8]!, el = state[9]!, fh = state[10]!, fl = state[11]!
    let gh = state[12]!, gl = state[13]!, hh = state[14]!, hl = state[15]!
    for (let i = 0; i < 160; i += 2) {
      // T1 = h + Σ1(e) + Ch(e, f, g) + K[t] + W[t], Σ1 = rotr 14 ^ rotr 18 ^ rotr 41
      const S1h = R(eh, el, 14) ^ R(eh, el, 18) ^ R(el, eh, 9)
      const S1l = R(el, eh, 14) ^ R(el, eh, 18) ^ R(eh, el, 9)
      const t1l = (hl >>> 0) + (S1l >>> 0) + (((el & fl) ^ (~el & gl)) >>> 0) + (K[i + 1]! >>> 0) + (W[i + 1]! >>> 0)
      const t1h = hh + S1h + ((eh & fh) ^ (~eh & gh)) + K[i]! + W[i]! + ((t1l / 0x100000000) | 0)
      // T2 = Σ0(a) + Maj(a, b, c), Σ0 = rotr 28 ^ rotr 34 ^ rotr 39
      const S0h = R(ah, al, 28) ^ R(al, ah, 2) ^ R(al, ah, 7)
      const S0l = R(al, ah, 28) ^ R(ah, al, 2) ^ R(ah, al, 7)
      const t2l = (S0l >>> 0) + (((al & bl) ^ (al & cl) ^ (bl & cl)) >>> 0)
      const t2h = S0h + ((ah & bh) ^ (ah & ch) ^ (bh & ch)) + ((t2l / 0x100000000) | 0)
      hh = gh
      hl = gl
      gh = fh
      gl = fl
      fh = eh
      fl = el
      const e = (dl >>> 0) + (t1l >>> 0)
      eh = (dh + t1h + ((e / 0x100000000) | 0)) | 0
      el = e | 0
      dh = ch
      dl = cl
      ch = bh
      cl = bl
      bh = ah
      bl = al
      const a = (t1l >>> 0) + (t2l >>> 0)
      ah = (t1h + t2h + ((a / 0x100000000) | 0)) | 0
      al = a | 0
    }
    add(state, 0, ah, al)
    add(state, 2, bh, bl)
    add(state, 4, ch, cl)
    add(state, 6, dh, dl)
    add(state, 8, eh, el)
    add(state, 10, fh, fl)
    add(state, 12, gh, gl)
    add(state, 14, hh, hl)
  }
}

/** `data` padded as the tail of a message that already absorbed `before` bytes (0x80, zeros, bit length). */
function padded(data: Uint8Array, before: number): Uint8Array {
  const out = new Uint8Array((data.length + 17 + 127) & ~127)
  out.set(data)
  out[data.length] = 0x80
  const bits = (before + data.length) * 8
  const view = new DataView(out.buffer)
  view.setUint32(out.length - 8, Math.floor(bits / 0x100000000))
  view.setUint32(out.length - 4, bits >>> 0)
  return out
}

function digestBytes(state: Int32Array, length: number): Uint8Array {
  const out = new Uint8Array(length)
  const view = new DataView(out.buffer)
  for (let i = 0; i < length; i += 4) view.setInt32(i, state[i >> 2]!)
  return out
}

/** A MAC key: the hash states after the inner and outer padded key blocks, computed once per key. */
export interface HmacKey {
  inner: Int32Array
  outer: Int32Array
}

/** Prepare `key` (at most 128 bytes, the SHA-512 block size; A256CBC-HS512 uses 32). */
export function hmacKey(key: Uint8Array): HmacKey {
  if (key.length > 128) throw new TypeError('HMAC-SHA-512 keys here are at most 128 bytes')
  const iv = constants().subarray(160)
  const make = (pad: number) => {
    const block = new Uint8Array(128).fill(pad)
    for (let i = 0; i < key.length; i++) block[i] = key[i]! ^ pad
    const state = iv.slice()
    blocks(state, block)
    return state
  }
  return { inner: make(0x36), outer: make(0x5c) }
}

/** HMAC-SHA-512(key, data), the first `length` bytes (A256CBC-HS512's tag is the first 32). */
export function hmacSha512(key: HmacKey, data: Uint8Array, length = 64): Uint8Array {
  const inner = key.inner.slice()
  blocks(inner, padded(data, 128))
  const outer = key.outer.slice()
  blocks(outer, padded(digestBytes(inner, 64), 128))
  return digestBytes(outer, length)
}

/** A256CBC-HS512's MAC half computed here: the tag is the first 32 bytes. */
export const jsMac: CbcMac<HmacKey> = {
  key: hmacKey,
  tag: (key, data) => hmacSha512(key, data, 32),
}
