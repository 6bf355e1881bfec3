import { octThumbprint } from './base64url.js'

export interface DerivedKey {
  key: Uint8Array
  /** JWK thumbprint, used as the JWE `kid` so rotated secrets are matched without trial decryption. */
  kid: string
}

/** HKDF runs once per (secret, salt) and is cached below, so its module loads on the first derivation, not at import. */
async function hkdf(...args: Parameters<typeof import('@panva/hkdf').hkdf>): Promise<Uint8Array> {
  return (await import('@panva/hkdf')).hkdf(...args)
}

const MAX_ENTRIES = 256
const cache = new Map<string, Promise<DerivedKey>>()

function remember<T extends Promise<DerivedKey>>(id: string, make: () => T): T {
  const hit = cache.get(id)
  if (hit) return hit as T
  const p = make()
  if (cache.size >= MAX_ENTRIES) cache.delete(cache.keys().next().value as string)
  cache.set(id, p)
  // A failed derivation must not stay cached.
  p.catch(() => cache.delete(id))
  return p
}

/**
 * The Auth.js v5 content-encryption key: HKDF-SHA256(secret, salt = cookie name,
 * info = "Auth.js Generated Encryption Key (<salt>)"), 64 bytes for A256CBC-HS512, 32 for A256GCM.
 * Derived once per (enc, secret, salt) and cached.
 */
export function deriveEncryptionKey(enc: string, secret: string, salt: string): Promise<DerivedKey> {
  const length = enc === 'A256CBC-HS512' ? 64 : 32
  return remember(`v5\0${enc}\0${salt}\0${secret}`, async () => {
    const key = await hkdf('sha256', secret, salt, `Auth.js Generated Encryption Key (${salt})`, length)
    const kid = await octThumbprint(key, `SHA-${length << 3}` as 'SHA-512')
    return { key, kid }
  })
}

/** The NextAuth v4 key: HKDF-SHA256(secret, salt "", info "NextAuth.js Generated Encryption Key"), 32 bytes. */
export function deriveLegacyKey(secret: string): Promise<DerivedKey> {
  return remember(`v4\0${secret}`, async () => {
    const key = await hkdf('sha256', secret, '', 'NextAuth.js Generated Encryption Key', 32)
    return { key, kid: '' }
  })
}

/** A separate 32-byte key for HMAC uses (CSRF), never the same bytes as any encryption key. */
export function deriveMacKey(secret: string, purpose: string): Promise<DerivedKey> {
  return remember(`mac\0${purpose}\0${secret}`, async () => {
    const key = await hkdf('sha256', secret, purpose, `Latch Generated MAC Key (${purpose})`, 32)
    return { key, kid: '' }
  })
}
