/** A minimal cookie jar for integration tests: one origin, names only, honours deletion. */
export class CookieJar {
  readonly cookies = new Map<string, string>()

  /** Apply every `Set-Cookie` of a response. Returns the names set (not deleted) by it. */
  apply(response: Response): string[] {
    const set: string[] = []
    for (const line of setCookies(response)) {
      const parsed = parseSetCookie(line)
      if (!parsed) continue
      if (parsed.deleted) this.cookies.delete(parsed.name)
      else {
        this.cookies.set(parsed.name, parsed.value)
        set.push(parsed.name)
      }
    }
    return set
  }

  header(): string {
    return [...this.cookies].map(([k, v]) => `${k}=${v}`).join('; ')
  }

  /** Whether a cookie whose name contains `part` is held, e.g. `session-token` (any prefix, chunks too). */
  has(part: string): boolean {
    for (const k of this.cookies.keys()) if (k.includes(part)) return true
    return false
  }
}

/** Every `Set-Cookie` header of a response, one entry per header. */
export function setCookies(response: Response): string[] {
  return typeof response.headers.getSetCookie === 'function' ? response.headers.getSetCookie() : []
}

export interface ParsedSetCookie {
  name: string
  value: string
  deleted: boolean
  attributes: Record<string, string | true>
}

export function parseSetCookie(line: string): ParsedSetCookie | undefined {
  const [pair, ...attrs] = line.split(';')
  const eq = pair?.indexOf('=') ?? -1
  if (!pair || eq <= 0) return undefined
  const name = pair.slice(0, eq).trim()
  const value = pair.slice(eq + 1).trim()
  const attributes: Record<string, string | true> = {}
  for (const a of attrs) {
    const i = a.indexOf('=')
    const k = (i < 0 ? a : a.slice(0, i)).trim().toLowerCase()
    if (k) attributes[k] = i < 0 ? true : a.slice(i + 1).trim()
  }
  const maxAge = attributes['max-age']
  const expires = attributes['expires']
  const deleted =
    (typeof maxAge === 'string' && Number(maxAge) <= 0) ||
    (maxAge === undefined && typeof expires === 'string' && Date.parse(expires) <= Date.now()) ||
    value === ''
  return { name, value, deleted, attributes }
}
