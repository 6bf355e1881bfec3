import { deriveEncryptionKey } from '../tokens/keys.js'
import { b64uDecode, b64uEncode } from '../tokens/base64url.js'

/**
 * TOTP secrets at rest: AES-256-GCM under a key derived from AUTH_SECRET by HKDF with its own salt (so no cookie or
 * token key is ever the same bytes), the user id as additional data (a row copied to another user does not
 * decrypt). Format `v1.<kid>.<iv>.<ciphertext>`; the kid picks the secret when AUTH_SECRET is rotated.
 */
const SALT = 'latch.two-factor.secret'

const keys = new Map<string, Promise<CryptoKey>>()

async function keyFor(secret: string): Promise<{ kid: string; key: CryptoKey }> {
  const derived = await deriveEncryptionKey('A256GCM', secret, SALT)
  let k = keys.get(derived.kid)
  if (!k) {
    k = crypto.subtle.importKey('raw', derived.key as Uint8Array<ArrayBuffer>, 'AES-GCM', false, ['encrypt', 'decrypt'])
    if (keys.size > 32) keys.clear()
    keys.set(derived.kid, k)
  }
  return { kid: derived.kid, key: await k }
}

const aad = (userId: string) => new TextEncoder().encode(`latch-two-factor:${userId}`)

export async function sealSecret(secrets: string[], userId: string, plain: string): Promise<string> {
  const { kid, key } = await keyFor(secrets[0]!)
  const iv = crypto.getRandomValues(new Uint8Array(12))
  const ct = await crypto.subtle.encrypt({ name: 'AES-GCM', iv, additionalData: aad(userId) }, key, new TextEncoder().encode(plain))
  return `v1.${kid}.${b64uEncode(iv)}.${b64uEncode(new Uint8Array(ct))}`
}

/** The plain secret, or null when the value is not one of ours (wrong user, tampered, unknown key). */
export async function openSecret(secrets: string[], userId: string, sealed: string): Promise<string | null> {
  const parts = sealed.split('.')
  if (parts.length !== 4 || parts[0] !== 'v1') return null
  const [, kid, iv, ct] = parts as [string, string, string, string]
  for (const s of secrets) {
    const k = await keyFor(s)
    if (k.kid !== kid) continue
    try {
      const plain = await crypto.subtle.decrypt({ name: 'AES-GCM', iv: b64uDecode(iv) as Uint8Array<ArrayBuffer>, additionalData: aad(userId) }, k.key, b64uDecode(ct) as Uint8Array<ArrayBuffer>)
      return new TextDecoder().decode(plain)
    } catch {
      return null
    }
  }
  return null
}
