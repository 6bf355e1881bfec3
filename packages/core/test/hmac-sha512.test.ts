import { describe, expect, it } from 'vitest'
import { hmacKey, hmacSha512 } from '../src/tokens/hmac-sha512.js'

const hex = (b: Uint8Array) => Array.from(b, (x) => x.toString(16).padStart(2, '0')).join('')
const bytes = (h: string) => Uint8Array.from(h.match(/../g)!.map((x) => parseInt(x, 16)))

async function webCrypto(key: Uint8Array, data: Uint8Array): Promise<string> {
  const k = await crypto.subtle.importKey('raw', key as Uint8Array<ArrayBuffer>, { name: 'HMAC', hash: 'SHA-512' }, false, ['sign'])
  return hex(new Uint8Array(await crypto.subtle.sign('HMAC', k, data as Uint8Array<ArrayBuffer>)))
}

/**
 * The MAC half of A256CBC-HS512 is computed in JavaScript (tokens/hmac-sha512.ts) to spare a WebCrypto round
 * trip per session read and write. It must equal WebCrypto's HMAC-SHA-512 byte for byte.
 */
describe('HMAC-SHA-512 in JavaScript', () => {
  it('RFC 4231 test cases 1, 2 and 6 (a key longer than a block is refused: tokens use 32 bytes)', () => {
    expect(hex(hmacSha512(hmacKey(new Uint8Array(20).fill(0x0b)), new TextEncoder().encode('Hi There')))).toBe(
      '87aa7cdea5ef619d4ff0b4241a1d6cb02379f4e2ce4ec2787ad0b30545e17cde' +
        'daa833b7d6b8a702038b274eaea3f4e4be9d914eeb61f1702e696c203a126854',
    )
    expect(hex(hmacSha512(hmacKey(new TextEncoder().encode('Jefe')), new TextEncoder().encode('what do ya want for nothing?')))).toBe(
      '164b7a7bfcf819e2e395fbe73b56e0a387bd64222e831fd610270cd7ea250554' +
        '9758bf75c05a994a6d034f65f8f0e6fdcaeab1a34d4a6b4b636e070a38bce737',
    )
    expect(() => hmacKey(new Uint8Array(131).fill(0xaa))).toThrow(TypeError)
  })

  it('truncates to the requested length (A256CBC-HS512 keeps the first 32 bytes)', () => {
    const key = hmacKey(bytes('000102030405060708090a0b0c0d0e0f101112131415161718191a1b1c1d1e1f'))
    const data = new TextEncoder().encode('tag')
    expect(hex(hmacSha512(key, data, 32))).toBe(hex(hmacSha512(key, data)).slice(0, 64))
  })

  it('equals WebCrypto for every key length up to a block and data lengths around every padding boundary', async () => {
    const lengths = [0, 1, 55, 63, 64, 110, 111, 112, 113, 127, 128, 129, 239, 240, 255, 256, 257, 511, 1000, 4100]
    for (let k = 1; k <= 128; k += 9) {
      const key = crypto.getRandomValues(new Uint8Array(k))
      const prepared = hmacKey(key)
      for (const n of lengths) {
        const data = crypto.getRandomValues(new Uint8Array(n))
        expect(hex(hmacSha512(prepared, data)), `key ${k} bytes, data ${n} bytes`).toBe(await webCrypto(key, data))
      }
    }
  })

  it('a prepared key gives the same MAC every time (no state leaks between calls)', async () => {
    const key = crypto.getRandomValues(new Uint8Array(32))
    const prepared = hmacKey(key)
    const a = crypto.getRandomValues(new Uint8Array(300))
    const b = crypto.getRandomValues(new Uint8Array(333))
    const first = hex(hmacSha512(prepared, a))
    hmacSha512(prepared, b)
    expect(hex(hmacSha512(prepared, a))).toBe(first)
    expect(first).toBe(await webCrypto(key, a))
  })
})

describe("Auth()'s session codec (session/jwt-codec.ts: the MAC in JavaScript)", async () => {
  const { decode, encode } = await import('../src/jwt.js')
  const { decodeSession, encodeSession } = await import('../src/session/jwt-codec.js')
  const secret = 'codec-secret-0123456789abcdef0123456789'
  const salt = 'authjs.session-token'

  it('reads what @latch/core/jwt (WebCrypto HMAC, held to jose) writes, and the other way round', async () => {
    const claims = { sub: 'u1', name: 'Ada', email: 'ada@example.com', nested: { a: [1, 2, 3] } }
    for (let i = 0; i < 20; i++) {
      const a = await encode({ token: { ...claims, i }, secret, salt })
      const b = await encodeSession({ token: { ...claims, i }, secret, salt })
      expect(await decodeSession({ token: a, secret, salt })).toMatchObject({ ...claims, i })
      expect(await decode({ token: b, secret, salt })).toMatchObject({ ...claims, i })
    }
  })

  it('refuses a token with any byte of its header, IV, ciphertext or tag changed', async () => {
    const token = await encodeSession({ token: { sub: 'u1' }, secret, salt })
    const parts = token.split('.')
    for (const p of [0, 2, 3, 4]) {
      for (const at of [0, Math.floor(parts[p]!.length / 2), parts[p]!.length - 2]) {
        const tampered = [...parts]
        const c = tampered[p]![at]!
        tampered[p] = tampered[p]!.slice(0, at) + (c === 'A' ? 'B' : 'A') + tampered[p]!.slice(at + 1)
        expect(await decodeSession({ token: tampered.join('.'), secret, salt }), `part ${p} at ${at}`).toBeNull()
      }
    }
    expect(await decodeSession({ token, secret: 'another-secret-0123456789abcdef', salt })).toBeNull()
    expect(await decodeSession({ token, secret, salt: 'another-salt' })).toBeNull()
  })
})
