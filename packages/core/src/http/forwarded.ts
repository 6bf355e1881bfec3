/**
 * One rule for every list-valued proxy header (X-Forwarded-For, X-Forwarded-Host, X-Forwarded-Proto): the entry
 * that counts is the LAST one, the one the nearest proxy (the one you trust) appended. Entries before it came from
 * further away, and the first one may be whatever the client sent. Several header lines count as one list.
 * Everything that reads these headers (the core, and the framework packages) goes through here.
 */

/** The last comma-separated entry, trimmed; undefined when absent or empty (`"evil.com, "` is not `evil.com`). */
export function lastForwarded(value: string | null | undefined): string | undefined {
  if (typeof value !== 'string') return undefined
  const last = value.slice(value.lastIndexOf(',') + 1).trim()
  return last || undefined
}

const HOST_RE = /^(\[[0-9A-Fa-f:.]+\]|[A-Za-z0-9.-]+)(:[0-9]{1,5})?$/

/** The host the trusted proxy reports in X-Forwarded-Host (its last entry), when it is a valid host[:port]. */
export function forwardedHost(value: string | null | undefined): string | undefined {
  const host = lastForwarded(value)
  return host && HOST_RE.test(host) ? host : undefined
}

/** `http` or `https` from X-Forwarded-Proto (its last entry), else undefined. */
export function forwardedProto(value: string | null | undefined): 'http' | 'https' | undefined {
  const proto = lastForwarded(value)?.toLowerCase()
  return proto === 'http' || proto === 'https' ? proto : undefined
}
