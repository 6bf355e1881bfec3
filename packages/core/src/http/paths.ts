/** `/auth/` → `/auth`, `auth` → `/auth`; `/` stays `` (routes at the root). */
export function normalizeBasePath(path: string): string {
  let p = path.trim()
  if (!p.startsWith('/')) p = '/' + p
  p = p.replace(/\/{2,}/g, '/').replace(/\/+$/, '')
  return p
}

/**
 * Split a request pathname into decoded segments, folding doubled slashes and decoding
 * percent-escapes once, so `/auth//%73ession` and `/auth/session` reach the same checks.
 * Returns null when a segment does not decode or is a dot-segment.
 */
export function splitPath(pathname: string): string[] | null {
  const out: string[] = []
  for (const raw of pathname.split('/')) {
    if (raw === '') continue
    let seg: string
    try {
      seg = decodeURIComponent(raw)
    } catch {
      return null
    }
    if (seg === '.' || seg === '..' || seg.includes('/') || seg.includes('\\')) return null
    out.push(seg)
  }
  return out
}

/** Match a pathname under basePath: returns the segments after it, or null when outside. */
let lastBase: { path: string; segments: string[] } | undefined

export function matchBasePath(pathname: string, basePath: string): string[] | null {
  const segs = splitPath(pathname)
  if (!segs) return null
  if (lastBase?.path !== basePath) lastBase = { path: basePath, segments: splitPath(basePath) ?? [] }
  const base = lastBase.segments
  if (segs.length < base.length) return null
  for (let i = 0; i < base.length; i++) if (segs[i] !== base[i]) return null
  return segs.slice(base.length)
}
