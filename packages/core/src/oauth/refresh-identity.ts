import type { JWT } from '../tokens/jwt-types.js'
import { unverifiedPayload } from './jwt-payload.js'

/**
 * OIDC Core 12.2: an id_token from a refresh must name the same `iss`, `sub` and `aud` as the one of
 * the sign-in. The sign-in id_token's values (verified then) are kept in the session JWT as
 * `id_token_identity`; sessions from before that field fall back to a stored `id_token`.
 */
export interface IdTokenIdentity {
  iss: string
  sub: string
  aud: string[]
}

/** The JWT field that holds the sign-in id_token's identity. */
export const IDENTITY_FIELD = 'id_token_identity'

function audOf(aud: unknown): string[] | undefined {
  if (typeof aud === 'string') return [aud]
  if (Array.isArray(aud) && aud.length > 0 && aud.every((a) => typeof a === 'string')) return [...(aud as string[])].sort()
  return undefined
}

/** The identity of an id_token's claims, or undefined when one of iss/sub/aud is missing. */
export function identityOf(claims: Record<string, unknown> | undefined): IdTokenIdentity | undefined {
  if (!claims) return undefined
  const aud = audOf(claims.aud)
  if (typeof claims.iss !== 'string' || typeof claims.sub !== 'string' || !aud) return undefined
  return { iss: claims.iss, sub: claims.sub, aud }
}

/** The identity of an id_token string (read without verification: it was verified at sign-in). */
export function identityOfIdToken(idToken: unknown): IdTokenIdentity | undefined {
  return typeof idToken === 'string' ? identityOf(unverifiedPayload(idToken)) : undefined
}

function storedIdentity(token: JWT): IdTokenIdentity | undefined {
  const kept = token[IDENTITY_FIELD]
  if (kept && typeof kept === 'object') return identityOf(kept as Record<string, unknown>)
  return identityOfIdToken(token.id_token)
}

/**
 * Throws unless the refreshed id_token's claims name the session's identity. A session that recorded
 * none cannot be matched, so its refreshed id_token is refused too (the user signs in again once).
 */
export function assertSameIdentity(providerId: string, token: JWT, claims: Record<string, unknown>): void {
  const before = storedIdentity(token)
  if (!before) throw new Error(`"${providerId}" returned an id_token on refresh, but the session recorded no id_token identity to match it against`)
  const after = identityOf(claims)
  if (!after || after.sub !== before.sub) throw new Error(`"${providerId}" returned a refreshed id_token for another subject (OIDC Core 12.2)`)
  if (after.iss !== before.iss) throw new Error(`"${providerId}" returned a refreshed id_token from another issuer (OIDC Core 12.2)`)
  if (after.aud.join(' ') !== before.aud.join(' ')) throw new Error(`"${providerId}" returned a refreshed id_token for another audience (OIDC Core 12.2)`)
}
