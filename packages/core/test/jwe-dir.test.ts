import { describe, expect, it } from 'vitest'
import fc from 'fast-check'
import { hkdf } from '@panva/hkdf'
import { base64url, calculateJwkThumbprint, CompactEncrypt, EncryptJWT, jwtDecrypt, type JWTDecryptGetKey } from 'jose'
import { decode, decodeLegacy } from '../src/jwt.js'

/**
 * The core reads session tokens without jose (src/tokens/jwe-dir.ts). jose stays the reference: for every token
 * below, `decode` must return exactly what jose's jwtDecrypt returns with the options Auth.js uses (`dir`,
 * A256CBC-HS512 or A256GCM, 15 s tolerance, the kid picking the secret), payload or refusal.
 */
const secret = 'jwe-dir-secret-0123456789abcdef012345'
const other = 'jwe-dir-other-0123456789abcdef0123456'
const salt = 'authjs.session-token'
const now = 1_800_000_000
const te = new TextEncoder()

async function keyFor(enc: string, s: string) {
  const length = enc === 'A256CBC-HS512' ? 64 : 32
  const key = await hkdf('sha256', s, salt, `Auth.js Generated Encryption Key (${salt})`, length)
  const kid = await calculateJwkThumbprint({ kty: 'oct', k: base64url.encode(key) }, length === 64 ? 'sha512' : 'sha256')
  return { key, kid }
}
const cbc = await keyFor('A256CBC-HS512', secret)
const gcm = await keyFor('A256GCM', secret)
const legacyKey = await hkdf('sha256', secret, '', 'NextAuth.js Generated Encryption Key', 32)

/** jose with the options the core used to hand it: what `decode` has to match. */
async function jose(token: string, secrets: string[]): Promise<unknown> {
  const getKey: JWTDecryptGetKey = async ({ kid, enc }) => {
    for (const s of secrets) {
      const d = await keyFor(enc, s)
      if (kid === undefined || kid === d.kid) return d.key
    }
    throw new Error('no key')
  }
  return jwtDecrypt(token, getKey, {
    clockTolerance: 15,
    keyManagementAlgorithms: ['dir'],
    contentEncryptionAlgorithms: ['A256CBC-HS512', 'A256GCM'],
    currentDate: new Date(now * 1000),
  }).then(
    (r) => r.payload,
    () => null,
  )
}

async function same(token: string, secrets = [secret]) {
  const theirs = await jose(token, secrets)
  expect(await decode({ token, secret: secrets, salt, now }), token.slice(0, 80)).toEqual(theirs)
  return theirs
}

function seal(plaintext: string | Uint8Array, header: Record<string, unknown>, key: Uint8Array = cbc.key) {
  return new CompactEncrypt(typeof plaintext === 'string' ? te.encode(plaintext) : plaintext).setProtectedHeader(header as never).encrypt(key)
}

/** A token whose protected header is exactly `header` (no check by jose), sealed with `key`. */
async function forged(header: unknown, plaintext: string, enc: 'A256CBC-HS512' | 'A256GCM' = 'A256CBC-HS512') {
  const b64 = base64url.encode(JSON.stringify(header))
  const aad = te.encode(b64)
  const key = enc === 'A256GCM' ? gcm.key : cbc.key
  if (enc === 'A256GCM') {
    const iv = crypto.getRandomValues(new Uint8Array(12))
    const k = await crypto.subtle.importKey('raw', new Uint8Array(key), 'AES-GCM', false, ['encrypt'])
    const out = new Uint8Array(await crypto.subtle.encrypt({ name: 'AES-GCM', iv, additionalData: aad }, k, te.encode(plaintext)))
    return [b64, '', base64url.encode(iv), base64url.encode(out.slice(0, -16)), base64url.encode(out.slice(-16))].join('.')
  }
  // CBC: let jose seal a canonical token, then recompute nothing: a changed header must fail its MAC.
  const sealed = (await seal(plaintext, { alg: 'dir', enc: 'A256CBC-HS512' })).split('.')
  return [b64, ...sealed.slice(1)].join('.')
}

const claims = JSON.stringify({ sub: 'u1', iat: now, exp: now + 60 })

describe('session tokens without jose: same answers as jose', () => {
  it('headers: extra parameters, kid shapes, crit, zip, other alg and enc values', async () => {
    const headers: Record<string, unknown>[] = [
      { alg: 'dir', enc: 'A256CBC-HS512', kid: cbc.kid },
      { alg: 'dir', enc: 'A256CBC-HS512' },
      { alg: 'dir', enc: 'A256CBC-HS512', kid: cbc.kid, typ: 'JWT', cty: 'x', custom: { a: 1 } },
      { alg: 'dir', enc: 'A256CBC-HS512', kid: 'not-this-key' },
      { alg: 'dir', enc: 'A256CBC-HS512', kid: 5 },
      { alg: 'dir', enc: 'A256CBC-HS512', kid: null },
      { alg: 'dir', enc: 'A256CBC-HS512', zip: 'GZIP' },
      { alg: 'dir', enc: 'A256CBC-HS512', iss: 'a' },
    ]
    for (const h of headers) await same(await seal(claims, h).catch(() => forged(h, claims)))
    expect(await same(await seal(claims, { alg: 'dir', enc: 'A256GCM', kid: gcm.kid }, gcm.key))).toMatchObject({ sub: 'u1' })
    expect(await same(await seal(claims, { alg: 'dir', enc: 'A256GCM' }, gcm.key))).toMatchObject({ sub: 'u1' })
    await same(await seal(claims, { alg: 'dir', enc: 'A128GCM' }, gcm.key.slice(0, 16)))
    await same(await seal(claims, { alg: 'A256KW', enc: 'A256GCM' }, gcm.key))
    await same(await seal(claims, { alg: 'dir', enc: 'A256GCM', typ: 'JWT', extra: [1, 2] }, gcm.key))
    // Headers jose will not write: sealed by hand with the right key.
    for (const h of [
      { alg: 'dir', enc: 'A256GCM', crit: ['x'], x: 1 },
      { alg: 'dir', enc: 'A256GCM', crit: [] },
      { alg: 'dir', enc: 'A256GCM', crit: 'x' },
      { alg: 'dir', enc: 'A256GCM', zip: 'GZIP' },
      { alg: 'none', enc: 'A256GCM' },
      { alg: 'dir' },
      { enc: 'A256GCM' },
      ['dir'],
      'dir',
      null,
    ]) {
      expect(await same(await forged(h, claims, 'A256GCM')), JSON.stringify(h)).toBeNull()
    }
    expect(await same(await forged({ alg: 'dir', enc: 'A256GCM', kid: gcm.kid, typ: 'x' }, claims, 'A256GCM'))).toMatchObject({ sub: 'u1' })
  })

  it('A256GCM: a 96-bit IV and a 128-bit tag only, even when the bytes would authenticate', async () => {
    const [h, , iv, ct, tag] = (await seal(claims, { alg: 'dir', enc: 'A256GCM', kid: gcm.kid }, gcm.key)).split('.') as string[]
    const ctBytes = base64url.decode(ct!)
    const tagBytes = base64url.decode(tag!)
    // The same sealed bytes, split elsewhere: WebCrypto would take them, jose refuses the short tag.
    const moved = [h, '', iv, base64url.encode(new Uint8Array([...ctBytes, ...tagBytes.slice(0, 8)])), base64url.encode(tagBytes.slice(8))]
    expect(await same(moved.join('.'))).toBeNull()
    // A 128-bit IV, sealed correctly: valid AES-GCM, not a valid A256GCM JWE.
    const aad = te.encode(h!)
    const longIv = crypto.getRandomValues(new Uint8Array(16))
    const k = await crypto.subtle.importKey('raw', new Uint8Array(gcm.key), 'AES-GCM', false, ['encrypt'])
    const out = new Uint8Array(await crypto.subtle.encrypt({ name: 'AES-GCM', iv: longIv, additionalData: aad }, k, te.encode(claims)))
    const sealed = [h, '', base64url.encode(longIv), base64url.encode(out.slice(0, -16)), base64url.encode(out.slice(-16))]
    expect(await same(sealed.join('.'))).toBeNull()
  })

  it('compressed (zip DEF) tokens inflate, up to jose\'s 250,000-byte limit', async () => {
    const h = { alg: 'dir', enc: 'A256CBC-HS512', kid: cbc.kid, zip: 'DEF' }
    expect(await same(await seal(claims, h))).toMatchObject({ sub: 'u1' })
    expect(await same(await seal(JSON.stringify({ sub: 'big', pad: 'a'.repeat(249_000) }), h))).toMatchObject({ sub: 'big' })
    expect(await same(await seal(JSON.stringify({ sub: 'bomb', pad: 'a'.repeat(300_000) }), h))).toBeNull()
    // DEF announced, plaintext not deflated.
    expect(await same(await forged({ alg: 'dir', enc: 'A256GCM', zip: 'DEF' }, claims, 'A256GCM'))).toBeNull()
  })

  it('claims: a top-level object, numeric dates with 15 s tolerance, replicated iss / sub / aud', async () => {
    const header = { alg: 'dir', enc: 'A256CBC-HS512', kid: cbc.kid }
    for (const c of [
      { exp: now - 14 }, { exp: now - 15 }, { nbf: now + 15 }, { nbf: now + 16 }, { iat: 'x' }, { iat: now + 9999 },
      { exp: null }, { exp: '1' }, [1], 'str', 7, null, { sub: 'a', __proto__: null },
    ]) await same(await seal(JSON.stringify(c), header))
    await same(await seal('not json', header))
    await same(await seal(new Uint8Array([0x7b, 0xff, 0xfe, 0x7d]), header))
    await same(await seal('\uFEFF{"sub":"bom"}', header))
    for (const [hdr, body] of [
      [{ iss: 'a' }, { iss: 'a' }], [{ iss: 'a' }, { iss: 'b' }], [{ iss: 'a' }, {}],
      [{ sub: 's' }, { sub: 's' }], [{ sub: 's' }, { sub: 't' }],
      [{ aud: ['x', 'y'] }, { aud: ['x', 'y'] }], [{ aud: ['x', 'y'] }, { aud: ['y', 'x'] }], [{ aud: 'x' }, { aud: ['x'] }],
    ] as const) {
      await same(await seal(JSON.stringify(body), { ...header, ...hdr }))
    }
    const viaJose = await new EncryptJWT({ sub: 'r' }).setIssuer('i').replicateIssuerAsHeader().setProtectedHeader(header).encrypt(cbc.key)
    expect(await same(viaJose)).toMatchObject({ iss: 'i' })
  })

  it('secrets: the kid picks one; without a kid only the first is tried', async () => {
    const rotated = await keyFor('A256CBC-HS512', other)
    const withKid = await seal(claims, { alg: 'dir', enc: 'A256CBC-HS512', kid: rotated.kid }, rotated.key)
    expect(await same(withKid, [secret, other])).toMatchObject({ sub: 'u1' })
    await same(withKid, [secret])
    const noKid = await seal(claims, { alg: 'dir', enc: 'A256CBC-HS512' }, rotated.key)
    expect(await same(noKid, [secret, other])).toBeNull()
    expect(await same(noKid, [other, secret])).toMatchObject({ sub: 'u1' })
  })

  it('any mutation of a token gets the answer jose gives (fast-check)', async () => {
    const bases = await Promise.all([
      seal(claims, { alg: 'dir', enc: 'A256CBC-HS512', kid: cbc.kid }),
      seal(claims, { alg: 'dir', enc: 'A256GCM', kid: gcm.kid }, gcm.key),
      seal(claims, { alg: 'dir', enc: 'A256CBC-HS512', kid: cbc.kid, zip: 'DEF' }),
    ])
    const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_.=+/ '
    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom(...bases),
        fc.array(fc.record({ at: fc.nat(), op: fc.constantFrom('set', 'drop', 'insert'), ch: fc.constantFrom(...alphabet) }), { minLength: 1, maxLength: 3 }),
        async (base, edits) => {
          let t = base
          for (const { at, op, ch } of edits) {
            const i = at % (t.length + 1)
            t = op === 'set' ? t.slice(0, i) + ch + t.slice(i + 1) : op === 'drop' ? t.slice(0, i) + t.slice(i + 1) : t.slice(0, i) + ch + t.slice(i)
          }
          const theirs = await jose(t, [secret])
          expect(await decode({ token: t, secret, salt, now })).toEqual(theirs)
        },
      ),
      { numRuns: 400 },
    )
  })

  it('NextAuth v4 tokens (A256GCM, legacy key) read as jose reads them', async () => {
    const v4 = await seal(claims, { alg: 'dir', enc: 'A256GCM' }, legacyKey)
    expect(await decodeLegacy({ token: v4, secret: [other, secret], now })).toMatchObject({ sub: 'u1' })
    const expired = await seal(JSON.stringify({ sub: 'x', exp: now - 100 }), { alg: 'dir', enc: 'A256GCM' }, legacyKey)
    expect(await decodeLegacy({ token: expired, secret, now })).toBeNull()
    const cbcToken = await seal(claims, { alg: 'dir', enc: 'A256CBC-HS512' })
    expect(await decodeLegacy({ token: cbcToken, secret, now })).toBeNull()
    const { payload } = await jwtDecrypt(v4, legacyKey, { currentDate: new Date(now * 1000) })
    expect(await decodeLegacy({ token: v4, secret, now })).toEqual(payload)
  })
})
