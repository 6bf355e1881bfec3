import { toHex } from '../tokens/compare.js'

/**
 * A stable, UUID-shaped subject for a provider account, used as `token.sub` when there is no adapter:
 * the same account always gets the same value, different providers or accounts never collide in practice.
 * SHA-256 over `latch:<providerId>:<providerAccountId>`, formatted as an RFC 9562 version 8 UUID.
 */
export async function stableSubject(providerId: string, providerAccountId: string): Promise<string> {
  const input = new TextEncoder().encode(`latch:${providerId.length}:${providerId}:${providerAccountId}`)
  const digest = new Uint8Array(await crypto.subtle.digest('SHA-256', input))
  const b = digest.slice(0, 16)
  b[6] = (b[6]! & 0x0f) | 0x80 // version 8 (custom)
  b[8] = (b[8]! & 0x3f) | 0x80 // RFC 9562 variant
  const hex = toHex(b)
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`
}
