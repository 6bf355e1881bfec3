import fc from 'fast-check'
import { isDeepStrictEqual } from 'node:util'
import { describe, expect, it } from 'vitest'
import { NOT_PLAIN, plainJsonCopy } from '../src/session/json-copy.js'

/** What getSession hands out must be what `/session`'s JSON body carries: JSON's own round trip is the oracle. */
const viaJson = (v: unknown) => JSON.parse(JSON.stringify(v ?? null))

describe('plainJsonCopy (getSession without a JSON round trip)', () => {
  it('equals the JSON round trip for any JSON-like data, or leaves it to the round trip', () => {
    const value = fc.letrec((tie) => ({
      any: fc.oneof(
        { depthSize: 'small' },
        fc.string(),
        fc.double(),
        fc.integer(),
        fc.boolean(),
        fc.constant(null),
        fc.constant(undefined),
        fc.constant(-0),
        fc.constant(() => 1),
        fc.constant(Symbol('s')),
        fc.date(),
        tie('arr'),
        tie('obj'),
      ),
      arr: fc.array(tie('any'), { maxLength: 4 }),
      obj: fc.dictionary(fc.oneof(fc.string(), fc.constantFrom('toJSON', '__proto__', 'constructor')), tie('any'), { maxKeys: 4 }),
    }))
    fc.assert(
      fc.property(value.obj, (v) => {
        const copy = plainJsonCopy(v)
        // node's deep equality (prototypes, -0 vs 0); vitest's reads an own `constructor` key as the class
        if (copy !== NOT_PLAIN) expect(isDeepStrictEqual(copy, viaJson(v))).toBe(true)
      }),
      { numRuns: 2000 },
    )
  })

  it('copies a session as JSON would (undefined dropped, -0 and NaN as JSON has them), and refuses what JSON transforms', () => {
    const session = { user: { name: 'Ada', email: undefined, image: null, n: -0, x: NaN, list: [undefined, 1] }, expires: '2026-12-04T00:00:00.000Z' }
    expect(isDeepStrictEqual(plainJsonCopy(session), viaJson(session))).toBe(true)
    expect(Object.is((plainJsonCopy(session) as { user: { n: number } }).user.n, 0)).toBe(true)
    for (const v of [{ d: new Date(0) }, { toJSON: () => 1 }, { b: 1n }, { m: new Map() }, { s: new String('x') }, JSON.parse('{"__proto__": {"a": 1}}')]) {
      expect(plainJsonCopy(v)).toBe(NOT_PLAIN)
    }
    const cycle: Record<string, unknown> = {}
    cycle.self = cycle
    expect(plainJsonCopy(cycle)).toBe(NOT_PLAIN)
  })
})
