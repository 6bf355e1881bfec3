import { deriveMacKey } from '../tokens/keys.js'
import { toHex } from '../tokens/compare.js'

/** Recovery codes: 10 characters of Crockford's base32 (50 bits, no i l o u), shown as `xxxxx-xxxxx`. */
const ALPHABET = '0123456789abcdefghjkmnpqrstvwxyz'

export function newRecoveryCodes(count: number): string[] {
  const out: string[] = []
  for (let i = 0; i < count; i++) {
    const bytes = crypto.getRandomValues(new Uint8Array(10))
    const chars = [...bytes].map((b) => ALPHABET[b & 31]).join('')
    out.push(`${chars.slice(0, 5)}-${chars.slice(5)}`)
  }
  return out
}

/** What a user types, folded: case, spaces and dashes do not matter. Null when it cannot be a recovery code. */
export function normalizeRecoveryCode(input: string): string | null {
  const s = input.toLowerCase().replace(/[\s-]/g, '').replace(/[il]/g, '1').replace(/o/g, '0')
  return /^[0-9a-hjkmnp-tv-z]{10}$/.test(s) ? s : null
}

const keys = new Map<string, Promise<CryptoKey>>()
function macKey(secret: string): Promise<CryptoKey> {
  let k = keys.get(secret)
  if (!k) {
    k = deriveMacKey(secret, 'latch.two-factor.recovery').then(({ key }) =>
      crypto.subtle.importKey('raw', key as Uint8Array<ArrayBuffer>, { name: 'HMAC', hash: 'SHA-256' }, false, ['sign']),
    )
    if (keys.size > 32) keys.clear()
    keys.set(secret, k)
  }
  return k
}

/**
 * The stored form of a code: HMAC-SHA-256 under a key derived from AUTH_SECRET, bound to the user, so a leaked
 * table alone does not allow an offline search. One hash per secret (rotation: codes hashed under an older secret
 * still match); the first is what is stored.
 */
export async function hashRecoveryCode(secrets: string[], userId: string, normalized: string): Promise<string[]> {
  const data = new TextEncoder().encode(`${userId}\0${normalized}`)
  return Promise.all(secrets.map(async (s) => toHex(new Uint8Array(await crypto.subtle.sign('HMAC', await macKey(s), data)))))
}
