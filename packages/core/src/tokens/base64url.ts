/**
 * base64url as jose does it (RFC 4648 §5, no padding on output; the tests compare the two byte for byte).
 * Native Uint8Array base64 is used where the runtime has it.
 */
type NativeBase64 = {
  fromBase64?: (s: string, o: { alphabet: 'base64url' }) => Uint8Array
}
type NativeToBase64 = { toBase64?: (o: { alphabet: 'base64url'; omitPadding: boolean }) => string }

const textEncoder = new TextEncoder()

export function b64uEncode(input: Uint8Array | string): string {
  const bytes = typeof input === 'string' ? textEncoder.encode(input) : input
  const native = bytes as Uint8Array & NativeToBase64
  if (typeof native.toBase64 === 'function') return native.toBase64({ alphabet: 'base64url', omitPadding: true })
  let bin = ''
  for (let i = 0; i < bytes.length; i += 0x8000) bin += String.fromCharCode.apply(null, bytes.subarray(i, i + 0x8000) as unknown as number[])
  return btoa(bin).replace(/=/g, '').replace(/\+/g, '-').replace(/\//g, '_')
}

/** Decode; throws TypeError on input that is not base64url. */
export function b64uDecode(input: string): Uint8Array {
  try {
    const U = Uint8Array as unknown as NativeBase64
    if (typeof U.fromBase64 === 'function') return U.fromBase64(input, { alphabet: 'base64url' })
    if (input.includes('+') || input.includes('/')) throw new TypeError('Invalid base64url')
    const bin = atob(input.replace(/-/g, '+').replace(/_/g, '/'))
    const out = new Uint8Array(bin.length)
    for (let i = 0; i < bin.length; i++) out[i] = bin.charCodeAt(i)
    return out
  } catch (cause) {
    throw new TypeError('The input to be decoded is not correctly encoded.', { cause })
  }
}

/** RFC 7638 thumbprint of a symmetric (`oct`) JWK holding `key`, as jose's calculateJwkThumbprint computes it. */
export async function octThumbprint(key: Uint8Array, hash: 'SHA-256' | 'SHA-384' | 'SHA-512'): Promise<string> {
  const json = JSON.stringify({ k: b64uEncode(key), kty: 'oct' })
  return b64uEncode(new Uint8Array(await crypto.subtle.digest(hash, textEncoder.encode(json))))
}
