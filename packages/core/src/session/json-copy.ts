/** Returned by `plainJsonCopy` for a value it does not copy itself. */
export const NOT_PLAIN: unique symbol = Symbol('not plain JSON data')

/**
 * `JSON.parse(JSON.stringify(value))` for plain data, without the text: plain objects (prototype Object.prototype
 * or null) and arrays of strings, finite numbers, booleans and null, nested up to 32 levels. Object members that
 * JSON drops (undefined, functions, symbols) are dropped, and in arrays they become null, as JSON does; -0 is 0,
 * NaN and ±Infinity are null. Anything else (a Date or any `toJSON`, a class instance, a boxed primitive, a
 * bigint, a `__proto__` key, deeper nesting or a cycle) gives NOT_PLAIN: the caller round-trips the value
 * through JSON, which has the last word. `getSession` uses it to hand out the session as `/session`'s JSON
 * body would carry it, at a fraction of the round trip's cost.
 */
export function plainJsonCopy(value: unknown, depth = 0): unknown {
  switch (typeof value) {
    case 'string':
    case 'boolean':
      return value
    case 'number':
      return Number.isFinite(value) ? value + 0 : null
    case 'object': {
      if (value === null) return null
      if (depth > 32 || typeof (value as { toJSON?: unknown }).toJSON === 'function') return NOT_PLAIN
      if (Array.isArray(value)) {
        const out: unknown[] = []
        for (let i = 0; i < value.length; i++) {
          const v: unknown = value[i]
          const copy = v === undefined || typeof v === 'function' || typeof v === 'symbol' ? null : plainJsonCopy(v, depth + 1)
          if (copy === NOT_PLAIN) return NOT_PLAIN
          out.push(copy)
        }
        return out
      }
      const proto: unknown = Object.getPrototypeOf(value)
      if (proto !== Object.prototype && proto !== null) return NOT_PLAIN
      const out: Record<string, unknown> = {}
      for (const key of Object.keys(value)) {
        const v: unknown = (value as Record<string, unknown>)[key]
        if (v === undefined || typeof v === 'function' || typeof v === 'symbol') continue
        if (key === '__proto__') return NOT_PLAIN
        const copy = plainJsonCopy(v, depth + 1)
        if (copy === NOT_PLAIN) return NOT_PLAIN
        out[key] = copy
      }
      return out
    }
    default:
      return NOT_PLAIN
  }
}
