/** No oauth4webapi import here: oauth/entra.ts (loaded with the Entra provider factory) uses it. */

/** The payload of a compact JWS, unverified (this needs no crypto). */
export function unverifiedPayload(jwt: string): Record<string, unknown> | undefined {
  const parts = jwt.split('.')
  if (parts.length !== 3 || parts[1]!.length > 65536) return undefined
  try {
    const b64 = parts[1]!.replace(/-/g, '+').replace(/_/g, '/')
    const bytes = Uint8Array.from(atob(b64 + '='.repeat((4 - (b64.length % 4)) % 4)), (c) => c.charCodeAt(0))
    const payload = JSON.parse(new TextDecoder().decode(bytes)) as unknown
    return payload && typeof payload === 'object' && !Array.isArray(payload) ? (payload as Record<string, unknown>) : undefined
  } catch {
    return undefined
  }
}
