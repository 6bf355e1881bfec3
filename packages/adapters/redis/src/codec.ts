import type { AdapterAccount, AdapterSession, AdapterUser, VerificationToken } from '@latch/core'

/** JSON with the Date fields of each record revived (Redis stores strings). */
const DATE_FIELDS = new Set(['emailVerified', 'expires'])

export function encode(value: object): string {
  return JSON.stringify(value)
}

function revive(_key: string, value: unknown): unknown {
  return DATE_FIELDS.has(_key) && typeof value === 'string' ? new Date(value) : value
}

function decode<T>(raw: string | null): T | null {
  return raw === null ? null : (JSON.parse(raw, revive) as T)
}

export const decodeUser = (raw: string | null) => decode<AdapterUser>(raw)
export const decodeAccount = (raw: string | null) => decode<AdapterAccount>(raw)
export const decodeSession = (raw: string | null) => decode<AdapterSession>(raw)
export const decodeToken = (raw: string | null) => decode<VerificationToken>(raw)

/** Milliseconds until `expires`, at least 1 (Redis refuses a zero TTL; a past expiry is gone almost at once). */
export function ttlMs(expires: Date | string | number): number {
  return Math.max(1, new Date(expires).getTime() - Date.now())
}

/** One key segment: URI-encoded, so a ':' in an id can never forge another key. */
export const seg = (value: string): string => encodeURIComponent(value)
