import { InvalidRequest } from '../errors.js'

/** Fields of the sign-in POST that belong to Latch, not to `authorize`. */
const OWN_FIELDS = new Set(['csrfToken', 'callbackUrl'])

/** A field name safe to echo in an error message. */
const shown = (name: string) => (/^[\w.-]{1,40}$/.test(name) ? `"${name}"` : 'a field')

/**
 * The credentials a sign-in posted, each a single string. A field sent twice (`a=1&a=2`), as JSON array, object,
 * number, boolean or null, or as a file, is refused with a 400 before `authorize` (or the rate limiter) sees it:
 * `authorize` code compares strings, and a non-string must not reach it. `__proto__` and friends are refused too.
 */
export function credentialsInput(body: Record<string, unknown> | undefined): Record<string, string> {
  const out: Record<string, string> = {}
  for (const [name, value] of Object.entries(body ?? {})) {
    if (OWN_FIELDS.has(name)) continue
    if (name === '__proto__' || name === 'constructor' || name === 'prototype') {
      throw new InvalidRequest(`The credentials field name ${shown(name)} is not allowed`)
    }
    if (typeof value !== 'string') throw new InvalidRequest(`The credentials field ${shown(name)} must be a single string`)
    out[name] = value
  }
  return out
}
