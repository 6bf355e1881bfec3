// Every publishable package as a user installs it: the `pnpm pack` tarball passes publint --strict and
// Are The Types Wrong (ESM-only profile: Node >= 20.19 loads ESM from require), carries the root LICENSE,
// and its package.json has the metadata a registry page shows. Changesets drive versions and changelogs.
import { execFile } from 'node:child_process'
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join, relative, resolve } from 'node:path'
import { promisify } from 'node:util'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'

const run = promisify(execFile)
const root = resolve(import.meta.dirname, '../..')
const bin = (name: string) => join(root, 'node_modules/.bin', name)

/** Every package.json under packages/ that is not private: what `changeset publish` would publish. */
function publishable(): string[] {
  const dirs: string[] = []
  const walk = (dir: string, depth: number) => {
    if (existsSync(join(dir, 'package.json'))) {
      const pkg = JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8'))
      if (!pkg.private) dirs.push(dir)
      return
    }
    if (depth === 0) return
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      if (entry.isDirectory() && entry.name !== 'node_modules') walk(join(dir, entry.name), depth - 1)
    }
  }
  walk(join(root, 'packages'), 2)
  return dirs.sort()
}

const dirs = publishable()
const out = mkdtempSync(join(tmpdir(), 'latch-pack-'))
const tarballs = new Map<string, string>()

beforeAll(async () => {
  for (const dir of dirs) {
    const { stdout } = await run('pnpm', ['pack', '--pack-destination', out], { cwd: dir })
    const file = stdout.trim().split('\n').pop()!.trim()
    tarballs.set(dir, resolve(dir, file))
  }
}, 120_000)
afterAll(() => rmSync(out, { recursive: true, force: true }))

describe('packaging', () => {
  it('finds every package that is meant to be published', () => {
    const names = dirs.map((d) => relative(root, d))
    for (const expected of ['packages/core', 'packages/next', 'packages/express', 'packages/hono', 'packages/sveltekit',
      'packages/adapters/postgres', 'packages/adapters/redis', 'packages/email-nodemailer', 'packages/dev-oidc']) {
      expect(names).toContain(expected)
    }
  })

  it('has a root LICENSE, and changesets configured', () => {
    expect(readFileSync(join(root, 'LICENSE'), 'utf8')).toMatch(/^MIT License/)
    const config = JSON.parse(readFileSync(join(root, '.changeset/config.json'), 'utf8'))
    expect(config.access).toBe('public')
  })

  for (const dir of dirs) {
    const name = relative(root, dir)
    describe(name, () => {
      it('package.json has the registry metadata', () => {
        const pkg = JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8'))
        expect(pkg.description?.length).toBeGreaterThan(10)
        expect(pkg.license).toBe('MIT')
        expect(pkg.keywords?.length).toBeGreaterThan(2)
        expect(pkg.homepage).toMatch(/^https:\/\//)
        expect(pkg.bugs?.url).toMatch(/^https:\/\//)
        expect(pkg.repository).toMatchObject({ type: 'git', directory: name })
        expect(pkg.engines?.node).toBe('>=20.19')
        expect(pkg.sideEffects).toBeDefined()
        expect(pkg.version).toMatch(/^\d+\.\d+\.\d+/)
        expect(existsSync(join(dir, 'CHANGELOG.md'))).toBe(true)
      })

      it('the package folder and its tarball carry the root LICENSE', async () => {
        // pnpm would copy the root LICENSE into a tarball by itself; npm would not: keep a copy in the folder.
        expect(readFileSync(join(dir, 'LICENSE'), 'utf8')).toBe(readFileSync(join(root, 'LICENSE'), 'utf8'))
        const { stdout } = await run('tar', ['-xOzf', tarballs.get(dir)!, 'package/LICENSE'])
        expect(stdout).toBe(readFileSync(join(root, 'LICENSE'), 'utf8'))
      })

      it('publint --strict is clean', async () => {
        // Non-zero exit (a warning under --strict, or an error) rejects with the report.
        const { stdout } = await run(bin('publint'), ['run', '--strict', tarballs.get(dir)!])
        expect(stdout).toContain('All good!')
      })

      it('Are The Types Wrong is clean', async () => {
        const pkg = JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8'))
        // Wildcard subpaths (`./providers/*`) are not discovered: name each file they expose.
        const extra: string[] = []
        for (const key of Object.keys(pkg.exports ?? {})) {
          if (!key.endsWith('/*')) continue
          const value = pkg.exports[key]
          const target = (typeof value === 'string' ? value : value.default) as string
          if (!/\.[cm]?js$/.test(target)) continue // e.g. SQL migrations: no types to check
          const folder = join(dir, target.slice(0, target.indexOf('*')))
          const ext = target.slice(target.indexOf('*') + 1)
          for (const file of readdirSync(folder)) {
            if (file.endsWith(ext) && !file.endsWith(`.d${ext}`)) extra.push(key.slice(0, -1) + file.slice(0, -ext.length))
          }
        }
        const args = ['--profile', 'esm-only', '--format', 'ascii', '--no-color', tarballs.get(dir)!]
        if (extra.length) args.push('--include-entrypoints', ...extra)
        await expect(run(bin('attw'), args, { maxBuffer: 64 * 1024 * 1024 })).resolves.toBeDefined()
      })
    })
  }
})
