import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
// @ts-expect-error -- a plain .mjs script without types
import { names, render, sourceOf } from '../../../../scripts/provider-docs.mjs'

const root = join(import.meta.dirname ?? new URL('.', import.meta.url).pathname, '../../../..')

describe('docs/providers/<name>.md are generated from the modules and up to date', () => {
  it.each(names as string[])('%s', async (name) => {
    const mod = await import(`@latch/core/providers/${name}`)
    const committed = readFileSync(join(root, 'docs/providers', `${name}.md`), 'utf8')
    // Run `node scripts/provider-docs.mjs` after `pnpm run build` when this fails.
    expect(committed).toBe((render as (n: string, m: unknown, s: string) => string)(name, mod, (sourceOf as (n: string) => string)(name)))
    expect(committed).toContain('/auth/callback/')
  })
})
