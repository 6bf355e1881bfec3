/**
 * Client-IP keys for rate limiting. Every textual form of an address maps to one canonical key:
 * IPv4 as dotted decimal; IPv4-mapped/compatible IPv6 as the IPv4 address; other IPv6 grouped by
 * its /64 prefix in RFC 5952 form (a host usually controls a whole /64, so per-address limits are useless).
 */

function parseIPv4(s: string): number[] | null {
  const parts = s.split('.')
  if (parts.length !== 4) return null
  const out: number[] = []
  for (const p of parts) {
    // Decimal only, no leading zeros (some parsers read 010 as octal): one meaning per text.
    if (!/^(0|[1-9][0-9]{0,2})$/.test(p)) return null
    const n = Number(p)
    if (n > 255) return null
    out.push(n)
  }
  return out
}

/** Eight 16-bit groups, or null. Accepts `::` compression and a trailing dotted IPv4. */
function parseIPv6(s: string): number[] | null {
  if (!/^[0-9a-fA-F:.]+$/.test(s) || s.length > 45) return null
  const halves = s.split('::')
  if (halves.length > 2) return null
  const groupsOf = (part: string): number[] | null => {
    if (part === '') return []
    const out: number[] = []
    const items = part.split(':')
    for (let i = 0; i < items.length; i++) {
      const item = items[i]!
      if (i === items.length - 1 && item.includes('.')) {
        const v4 = parseIPv4(item)
        if (!v4) return null
        out.push((v4[0]! << 8) | v4[1]!, (v4[2]! << 8) | v4[3]!)
      } else {
        if (!/^[0-9a-fA-F]{1,4}$/.test(item)) return null
        out.push(parseInt(item, 16))
      }
    }
    return out
  }
  const head = groupsOf(halves[0]!)
  const tail = halves.length === 2 ? groupsOf(halves[1]!) : []
  if (!head || !tail) return null
  if (halves.length === 1) return head.length === 8 ? head : null
  const missing = 8 - head.length - tail.length
  if (missing < 1) return null
  return [...head, ...new Array<number>(missing).fill(0), ...tail]
}

/** RFC 5952: lower-case, no leading zeros, the longest run (2+) of zero groups as `::`, leftmost on ties. */
function formatIPv6(groups: number[]): string {
  let best = -1
  let bestLen = 0
  for (let i = 0; i < 8; ) {
    if (groups[i] !== 0) {
      i++
      continue
    }
    let j = i
    while (j < 8 && groups[j] === 0) j++
    if (j - i > bestLen && j - i >= 2) {
      best = i
      bestLen = j - i
    }
    i = j
  }
  const hex = groups.map((g) => g.toString(16))
  if (best < 0) return hex.join(':')
  return `${hex.slice(0, best).join(':')}::${hex.slice(best + bestLen).join(':')}`
}

/** Strip brackets, a port and an IPv6 zone id from what a proxy header or socket reports. */
function strip(raw: string): string {
  let s = raw.trim()
  const bracket = /^\[([^\]]+)\](?::\d{1,5})?$/.exec(s)
  if (bracket) s = bracket[1]!
  else if (/^[0-9.]+:\d{1,5}$/.test(s)) s = s.slice(0, s.lastIndexOf(':'))
  const zone = s.indexOf('%')
  if (zone >= 0) s = s.slice(0, zone)
  return s
}

/** An address as 4 IPv4 octets or 8 IPv6 groups, or null when `raw` is not an IP (or longer than 64 characters). */
function parseIp(raw: string | null | undefined): number[] | null {
  if (typeof raw !== 'string' || !raw || raw.length > 64) return null
  const s = strip(raw)
  return parseIPv4(s) ?? parseIPv6(s)
}

/**
 * The canonical rate-limit key of an address: `v4=1.2.3.4` or `v6=2001:db8:1:2::/64`; null when `raw` is not an IP.
 */
export function ipKey(raw: string | null | undefined): string | null {
  const g = parseIp(raw)
  if (!g) return null
  if (g.length === 4) return `v4=${g.join('.')}`
  // ::ffff:a.b.c.d (mapped) and ::a.b.c.d (deprecated compatible, not :: or ::1) are IPv4 clients.
  const zeros5 = g.slice(0, 5).every((x) => x === 0)
  if (zeros5 && (g[5] === 0xffff || (g[5] === 0 && (g[6] !== 0 || g[7]! > 1)))) {
    return `v4=${g[6]! >> 8}.${g[6]! & 255}.${g[7]! >> 8}.${g[7]! & 255}`
  }
  return `v6=${formatIPv6([...g.slice(0, 4), 0, 0, 0, 0])}/64`
}

/** The canonical text of an address (full IPv6, not grouped), or null. Exposed for tests and logs. */
export function canonicalIp(raw: string | null | undefined): string | null {
  const g = parseIp(raw)
  if (!g) return null
  return g.length === 4 ? g.join('.') : formatIPv6(g)
}
