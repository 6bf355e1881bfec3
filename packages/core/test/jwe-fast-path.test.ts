import { describe, expect, it } from 'vitest'
import { hkdf } from '@panva/hkdf'
import { base64url, calculateJwkThumbprint, CompactEncrypt, EncryptJWT, jwtDecrypt, decodeProtectedHeader } from 'jose'
import { decode, encode } from '../src/jwt.js'
import { b64uDecode, b64uEncode, octThumbprint } from '../src/tokens/base64url.js'

/**
 * The session cookie's shape (dir + A256CBC-HS512) is decrypted and encrypted with cached CryptoKeys
 * instead of jose (src/tokens/jwe-cbc.ts, jwe-dir.ts). These tests hold it to jose's behaviour: same bytes
 * written, same bytes accepted, same tokens refused. jwe-dir.test.ts does the same for every other header.
 */
const secret = 'fast-path-secret-0123456789abcdef0123'
const salt = 'authjs.session-token'
const key = await hkdf('sha256', secret, salt, `Auth.js Generated Encryption Key (${salt})`, 64)
const kid = await calculateJwkThumbprint({ kty: 'oct', k: base64url.encode(key) }, 'sha512')
const now = Math.floor(Date.now() / 1000)
const enc = new TextEncoder()

/** A JWE with an arbitrary protected header and plaintext, made by jose. */
function raw(plaintext: string | Uint8Array, header: Record<string, unknown> = { alg: 'dir', enc: 'A256CBC-HS512', kid }, cek: Uint8Array = key) {
  return new CompactEncrypt(typeof plaintext === 'string' ? enc.encode(plaintext) : plaintext).setProtectedHeader(header as never).encrypt(cek)
}

function flip(token: string, part: number, at = 3): string {
  const parts = token.split('.')
  const p = parts[part]!
  const c = p[at] === 'A' ? 'B' : 'A'
  parts[part] = p.slice(0, at) + c + p.slice(at + 1)
  return parts.join('.')
}

describe('JWE fast path (dir + A256CBC-HS512 with cached keys)', () => {
  it('what encode writes, jose reads: same header, same claims', async () => {
    const token = await encode({ token: { sub: 'u1', name: 'Ada', nested: { a: [1, 2] } }, secret, salt, now, maxAge: 60 })
    expect(decodeProtectedHeader(token)).toEqual({ alg: 'dir', enc: 'A256CBC-HS512', kid })
    expect(Object.keys(decodeProtectedHeader(token))).toEqual(['alg', 'enc', 'kid'])
    const { payload } = await jwtDecrypt(token, key)
    expect(payload).toMatchObject({ sub: 'u1', name: 'Ada', nested: { a: [1, 2] }, iat: now, exp: now + 60 })
    expect(Object.keys(payload)).toEqual(['sub', 'name', 'nested', 'iat', 'exp', 'jti'])
  })

  it('what jose writes, decode reads', async () => {
    const token = await new EncryptJWT({ sub: 'u2', email: 'a@b.c' })
      .setProtectedHeader({ alg: 'dir', enc: 'A256CBC-HS512', kid })
      .setIssuedAt(now)
      .setExpirationTime(now + 60)
      .encrypt(key)
    expect(await decode({ token, secret, salt })).toMatchObject({ sub: 'u2', email: 'a@b.c', iat: now, exp: now + 60 })
  })

  it('any changed byte of header, IV, ciphertext or tag is refused', async () => {
    const token = await encode({ token: { sub: 'u3' }, secret, salt })
    expect(await decode({ token, secret, salt })).toMatchObject({ sub: 'u3' })
    for (const part of [0, 2, 3, 4]) {
      for (const at of [0, 5, token.split('.')[part]!.length - 2]) {
        expect(await decode({ token: flip(token, part, at), secret, salt }), `part ${part} at ${at}`).toBeNull()
      }
    }
    const [h, , iv, ct, tag] = token.split('.')
    expect(await decode({ token: [h, '', iv, ct, tag!.slice(0, -2)].join('.'), secret, salt })).toBeNull()
    expect(await decode({ token: [h, '', iv, ct, tag + 'AA'].join('.'), secret, salt })).toBeNull()
    expect(await decode({ token: [h, '', iv, ct, ''].join('.'), secret, salt })).toBeNull()
    expect(await decode({ token: [h, '', iv!.slice(0, -2), ct, tag].join('.'), secret, salt })).toBeNull()
    expect(await decode({ token: [h, '', iv, ct!.slice(0, -4), tag].join('.'), secret, salt })).toBeNull()
    expect(await decode({ token: [h, 'AAAA', iv, ct, tag].join('.'), secret, salt })).toBeNull()
    expect(await decode({ token: [h, '', iv, ct, tag, ''].join('.'), secret, salt })).toBeNull()
    expect(await decode({ token: [h, '', iv, ct + '*', tag].join('.'), secret, salt })).toBeNull()
    // A tag from another token does not authenticate this one.
    const other = await encode({ token: { sub: 'u3' }, secret, salt })
    expect(await decode({ token: [h, '', iv, ct, other.split('.')[4]].join('.'), secret, salt })).toBeNull()
  })

  it('the wrong secret, salt or kid is refused; no kid tries the first secret', async () => {
    const token = await encode({ token: { sub: 'u4' }, secret, salt })
    expect(await decode({ token, secret: 'another-secret-0123456789abcdef0123', salt })).toBeNull()
    expect(await decode({ token, secret, salt: 'other-salt' })).toBeNull()
    expect(await decode({ token, secret: ['another-secret-0123456789abcdef0123', secret], salt })).toMatchObject({ sub: 'u4' })
    const noKid = await raw(JSON.stringify({ sub: 'u5', exp: now + 60 }), { alg: 'dir', enc: 'A256CBC-HS512' })
    expect(await decode({ token: noKid, secret, salt })).toMatchObject({ sub: 'u5' })
    expect(await decode({ token: noKid, secret: ['another-secret-0123456789abcdef0123', secret], salt })).toBeNull()
    const wrongKid = await raw(JSON.stringify({ sub: 'u6' }), { alg: 'dir', enc: 'A256CBC-HS512', kid: 'nope' })
    expect(await decode({ token: wrongKid, secret, salt })).toBeNull()
  })

  it('claims are checked as jose checks them: exp, nbf (15 s tolerance), numeric iat, a top-level object', async () => {
    const ok = async (claims: unknown) => decode({ token: await raw(JSON.stringify(claims)), secret, salt, now })
    expect(await ok({ sub: 'a', exp: now - 14 })).toMatchObject({ sub: 'a' })
    expect(await ok({ sub: 'a', exp: now - 15 })).toBeNull()
    expect(await ok({ sub: 'a', exp: now - 3600 })).toBeNull()
    expect(await ok({ sub: 'a', nbf: now + 15 })).toMatchObject({ sub: 'a' })
    expect(await ok({ sub: 'a', nbf: now + 16 })).toBeNull()
    expect(await ok({ sub: 'a', exp: String(now + 60) })).toBeNull()
    expect(await ok({ sub: 'a', nbf: String(now) })).toBeNull()
    expect(await ok({ sub: 'a', iat: String(now) })).toBeNull()
    expect(await ok({ sub: 'a', exp: null })).toBeNull()
    expect(await ok({ sub: 'a' })).toMatchObject({ sub: 'a' })
    expect(await ok([1, 2])).toBeNull()
    expect(await ok('a string')).toBeNull()
    expect(await ok(null)).toBeNull()
    expect(await decode({ token: await raw('not json'), secret, salt })).toBeNull()
    expect(await decode({ token: await raw(new Uint8Array([0x7b, 0xff, 0xfe, 0x7d])), secret, salt })).toBeNull()
    // The same claims, checked against jose itself.
    for (const claims of [{ exp: now - 15 }, { nbf: now + 16 }, { iat: 'x' }, { exp: now - 14 }, { nbf: now + 15 }]) {
      const token = await raw(JSON.stringify(claims))
      const mine = await decode({ token, secret, salt, now })
      const theirs = await jwtDecrypt(token, key, { clockTolerance: 15, currentDate: new Date(now * 1000) }).then(
        (r) => r.payload,
        () => null,
      )
      expect(mine).toEqual(theirs)
    }
  })

  it('other headers are read as jose reads them: extra parameters, crit, zip, A256GCM', async () => {
    const typ = await raw(JSON.stringify({ sub: 'typ' }), { alg: 'dir', enc: 'A256CBC-HS512', kid, typ: 'JWT' })
    expect(await decode({ token: typ, secret, salt })).toMatchObject({ sub: 'typ' })
    const crit = await raw(JSON.stringify({ sub: 'crit' }), { alg: 'dir', enc: 'A256CBC-HS512', kid, crit: ['x'], x: 1 }).catch(() => null)
    if (crit) expect(await decode({ token: crit, secret, salt })).toBeNull()
    const zipHeader = base64url.encode(JSON.stringify({ alg: 'dir', enc: 'A256CBC-HS512', kid, zip: 'DEF' }))
    const plain = (await raw(JSON.stringify({ sub: 'zip' }))).split('.')
    expect(await decode({ token: [zipHeader, ...plain.slice(1)].join('.'), secret, salt })).toBeNull()
    const gcmKey = await hkdf('sha256', secret, salt, `Auth.js Generated Encryption Key (${salt})`, 32)
    const gcmKid = await calculateJwkThumbprint({ kty: 'oct', k: base64url.encode(gcmKey) }, 'sha256')
    const gcm = await raw(JSON.stringify({ sub: 'gcm' }), { alg: 'dir', enc: 'A256GCM', kid: gcmKid }, gcmKey)
    expect(await decode({ token: gcm, secret, salt })).toMatchObject({ sub: 'gcm' })
    // A header that claims the fast-path shape but is not canonical JSON object is refused.
    const arrayHeader = base64url.encode(JSON.stringify(['dir']))
    expect(await decode({ token: [arrayHeader, ...plain.slice(1)].join('.'), secret, salt })).toBeNull()
  })

  it('base64url and the key thumbprint match jose exactly', async () => {
    for (const len of [0, 1, 2, 3, 31, 32, 33, 64, 100_000]) {
      const bytes = crypto.getRandomValues(new Uint8Array(Math.min(len, 65536)))
      expect(b64uEncode(bytes)).toBe(base64url.encode(bytes))
      expect(b64uDecode(base64url.encode(bytes))).toEqual(base64url.decode(base64url.encode(bytes)))
    }
    expect(b64uEncode('héllo ☃')).toBe(base64url.encode('héllo ☃'))
    for (const bad of ['a+b', 'a/b', 'a', '*', 'ab$c']) {
      expect(() => b64uDecode(bad), bad).toThrow(TypeError)
      expect(() => base64url.decode(bad), bad).toThrow(TypeError)
    }
    expect(await octThumbprint(key, 'SHA-512')).toBe(kid)
    const k32 = key.slice(0, 32)
    expect(await octThumbprint(k32, 'SHA-256')).toBe(await calculateJwkThumbprint({ kty: 'oct', k: base64url.encode(k32) }, 'sha256'))
  })

  it('encode refuses what jose refuses', async () => {
    await expect(encode({ token: { sub: 'x', nbf: Number.NaN }, secret, salt })).rejects.toThrow(TypeError)
    await expect(encode({ token: [] as never, secret, salt })).rejects.toThrow(TypeError)
  })
})
