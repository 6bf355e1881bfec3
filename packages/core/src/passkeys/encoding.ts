import { b64uDecode, b64uEncode } from '../tokens/base64url.js'

/**
 * Auth.js stores credential ids and public keys as standard base64 (padded); browsers and SimpleWebAuthn speak
 * base64url. Latch stores what Auth.js stores, so rows written by an Auth.js app keep working.
 */
export function base64urlToBase64(value: string): string {
  const s = value.replace(/-/g, '+').replace(/_/g, '/')
  return s + '='.repeat((4 - (s.length % 4)) % 4)
}

export function base64ToBase64url(value: string): string {
  return value.replace(/=+$/, '').replace(/\+/g, '-').replace(/\//g, '_')
}

export function bytesToBase64(bytes: Uint8Array): string {
  return base64urlToBase64(b64uEncode(bytes))
}

export function base64ToBytes(value: string): Uint8Array<ArrayBuffer> {
  return new Uint8Array(b64uDecode(base64ToBase64url(value)))
}

const B64U = /^[A-Za-z0-9_-]*$/

/** Bytes of a base64url field, or null when it is not one (so the caller answers 400). */
export function decodeField(value: unknown, maxLength = 16 * 1024): Uint8Array<ArrayBuffer> | null {
  if (typeof value !== 'string' || value.length > maxLength || !B64U.test(value.replace(/=+$/, ''))) return null
  try {
    return new Uint8Array(b64uDecode(value.replace(/=+$/, '')))
  } catch {
    return null
  }
}

export async function sha256Hex(text: string): Promise<string> {
  const d = new Uint8Array(await crypto.subtle.digest('SHA-256', new TextEncoder().encode(text)))
  return Array.from(d, (b) => b.toString(16).padStart(2, '0')).join('')
}
