import { deriveMacKey } from './keys.js'
import { timingSafeEqual, toHex } from './compare.js'

const keyCache = new Map<string, Promise<CryptoKey>>()

function hmacKey(secret: string): Promise<CryptoKey> {
  let k = keyCache.get(secret)
  if (!k) {
    k = deriveMacKey(secret, 'csrf').then(({ key }) =>
      crypto.subtle.importKey('raw', key as Uint8Array<ArrayBuffer>, { name: 'HMAC', hash: 'SHA-256' }, false, ['sign']),
    )
    if (keyCache.size > 64) keyCache.clear()
    keyCache.set(secret, k)
  }
  return k
}

async function sign(token: string, secret: string): Promise<string> {
  const mac = await crypto.subtle.sign('HMAC', await hmacKey(secret), new TextEncoder().encode(token))
  return toHex(new Uint8Array(mac))
}

/** A new CSRF token and its cookie value `token|hmac`. */
export async function mintCsrf(secrets: string[]): Promise<{ token: string; cookieValue: string }> {
  const token = toHex(crypto.getRandomValues(new Uint8Array(32)))
  return { token, cookieValue: `${token}|${await sign(token, secrets[0]!)}` }
}

/** The token inside a CSRF cookie, when its HMAC verifies under any secret; otherwise undefined. */
export async function readCsrfCookie(cookieValue: string | undefined, secrets: string[]): Promise<string | undefined> {
  if (!cookieValue || cookieValue.length > 200) return undefined
  const [token, mac, extra] = cookieValue.split('|')
  if (!token || !mac || extra !== undefined) return undefined
  for (const s of secrets) if (timingSafeEqual(mac, await sign(token, s))) return token
  return undefined
}

/** Double-submit check: the submitted token equals the cookie's token (constant time). */
export function csrfMatches(submitted: unknown, cookieToken: string | undefined): boolean {
  return typeof submitted === 'string' && cookieToken !== undefined && timingSafeEqual(submitted, cookieToken)
}
