// The built @latch/next as an app installs it: Next loads it with plain Node ESM for the pages router
// (auth(req, res), auth(ctx), getServerSession), so every server entry must import without a bundler,
// and the React entry must keep its "use client" directive.
import { spawnSync } from 'node:child_process'
import { readFileSync } from 'node:fs'
import { createRequire } from 'node:module'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { describe, expect, it } from 'vitest'

const root = join(dirname(fileURLToPath(import.meta.url)), '..')

describe('@latch/next dist', () => {
  it('imports under plain Node ESM (no bundler)', () => {
    const script = `
      const m = await import('@latch/next'); const j = await import('@latch/next/jwt'); const w = await import('@latch/next/middleware')
      console.log(JSON.stringify([typeof m.default, typeof m.getServerSession, typeof j.getToken, typeof w.withAuth]))`
    const out = spawnSync(process.execPath, ['--input-type=module', '-e', script], { cwd: root, encoding: 'utf8' })
    expect(out.stderr).toBe('')
    expect(JSON.parse(out.stdout)).toEqual(['function', 'function', 'function', 'function'])
  })

  it('keeps "use client" at the top of the React entry', () => {
    const file = createRequire(join(root, 'package.json')).resolve('@latch/next/react')
    expect(readFileSync(file, 'utf8').startsWith("'use client'")).toBe(true)
  })
})
