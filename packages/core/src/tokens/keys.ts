import { octThumbprint } from './base64url.js'

export interface DerivedKey {
  key: Uint8Array
  /** JWK thumbprint, used as the JWE `kid` so rotated secrets are matched without trial decryption. */
  kid: string
}

const utf8 = new TextEncoder()

/**
 * HKDF-SHA-256 (RFC 5869) with WebCrypto, as @panva/hkdf computes it for Auth.js (test/jwe-fast-path.test.ts
 * compares the two). Two WebCrypto calls, once per (secret, salt): the result is cached below.
 */
async function hkdf(secret: string, salt: string, info: string, length: number): Promise<Uint8Array> {
  const ikm = await crypto.subtle.importKey('raw', utf8.encode(secret), 'HKDF', false, ['deriveBits'])
  const params = { name: 'HKDF', hash: 'SHA-256', salt: utf8.encode(salt), info: utf8.encode(info) }
  return new Uint8Array(await crypto.subtle.deriveBits(params, ikm, length << 3))
}

const MAX_ENTRIES = 256
const cache = new Map<string, Promise<DerivedKey>>()
/** The same keys once derived, so a hot path can take them without waiting on a promise. */
const ready = new Map<string, DerivedKey>()

function remember<T extends Promise<DerivedKey>>(id: string, make: () => T): T {
  const hit = cache.get(id)
  if (hit) return hit as T
  const p = make()
  if (cache.size >= MAX_ENTRIES) {
    const oldest = cache.keys().next().value as string
    cache.delete(oldest)
    ready.delete(oldest)
  }
  cache.set(id, p)
  p.then(
    (key) => {
      if (cache.get(id) === p) ready.set(id, key)
    },
    // A failed derivation must not stay cached.
    () => cache.delete(id),
  )
  return p
}

const encryptionKeyId = (enc: string, secret: string, salt: string) => `v5\0${enc}\0${salt}\0${secret}`

/** deriveEncryptionKey's result when it has been derived already (no promise to wait for), else undefined. */
export function derivedEncryptionKey(enc: string, secret: string, salt: string): DerivedKey | undefined {
  return ready.get(encryptionKeyId(enc, secret, salt))
}

/**
 * The Auth.js v5 content-encryption key: HKDF-SHA256(secret, salt = cookie name,
 * info = "Auth.js Generated Encryption Key (<salt>)"), 64 bytes for A256CBC-HS512, 32 for A256GCM.
 * Derived once per (enc, secret, salt) and cached.
 */
export function deriveEncryptionKey(enc: string, secret: string, salt: string): Promise<DerivedKey> {
  const length = enc === 'A256CBC-HS512' ? 64 : 32
  return remember(encryptionKeyId(enc, secret, salt), async () => {
    const key = await hkdf(secret, salt, `Auth.js Generated Encryption Key (${salt})`, length)
    const kid = await octThumbprint(key, `SHA-${length << 3}` as 'SHA-512')
    return { key, kid }
  })
}

/** The NextAuth v4 key: HKDF-SHA256(secret, salt "", info "NextAuth.js Generated Encryption Key"), 32 bytes. */
export function deriveLegacyKey(secret: string): Promise<DerivedKey> {
  return remember(`v4\0${secret}`, async () => {
    const key = await hkdf(secret, '', 'NextAuth.js Generated Encryption Key', 32)
    return { key, kid: '' }
  })
}

/** A separate 32-byte key for HMAC uses (CSRF), never the same bytes as any encryption key. */
export function deriveMacKey(secret: string, purpose: string): Promise<DerivedKey> {
  return remember(`mac\0${purpose}\0${secret}`, async () => {
    const key = await hkdf(secret, purpose, `Latch Generated MAC Key (${purpose})`, 32)
    return { key, kid: '' }
  })
}
