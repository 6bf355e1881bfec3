/**
 * Install the packages as a user does: `pnpm pack` each one, then `pnpm add` the tarballs (with their npm
 * dependencies, from the pnpm store when it has them) into a throwaway app, and type-check that app with `tsc`.
 * Needs `pnpm run build` first (the tarballs carry dist/).
 */
import { execFile } from 'node:child_process'
import { cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { dirname, join, resolve } from 'node:path'
import { fileURLToPath } from 'node:url'
import { promisify } from 'node:util'

const run = promisify(execFile)
export const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), '../..')

/** Workspace packages a migrating app may install, by directory. */
export const PACKAGES = ['core', 'next', 'express', 'sveltekit', 'hono', 'codemod'] as const

/** Third-party packages the fixture apps import (versions the workspace already uses, so the store has them). */
export const APP_DEPENDENCIES: Record<string, string> = {
  next: '16.4.6',
  react: '19.3.1',
  'react-dom': '19.3.1',
  '@types/react': '19.3.0',
  '@types/node': '20.19.43',
  express: '5.3.0',
  '@types/express': '5.0.6',
  hono: '4.13.19',
}

export interface InstalledApp {
  dir: string
  /** Run tsc on the app (or on `project`, relative to it); the diagnostics, one per line (empty when it type-checks). */
  typecheck(project?: string): Promise<string[]>
  remove(): void
}

async function pnpm(args: string[], cwd: string): Promise<string> {
  const { stdout } = await run('pnpm', args, { cwd, maxBuffer: 64 << 20, env: { ...process.env, npm_config_loglevel: 'error' } })
  return stdout
}

/** Pack every package (dist must be built) into `into`; returns name → tarball path. */
export async function packAll(into: string): Promise<Record<string, string>> {
  const tarballs: Record<string, string> = {}
  for (const dir of PACKAGES) {
    const pkgDir = join(repoRoot, 'packages', dir)
    if (!existsSync(join(pkgDir, 'dist'))) throw new Error(`packages/${dir}/dist is missing: run \`pnpm run build\` first`)
    const before = new Set(readdirSync(into))
    await pnpm(['pack', '--pack-destination', into], pkgDir)
    const file = readdirSync(into).find((f) => f.endsWith('.tgz') && !before.has(f))
    if (!file) throw new Error(`pnpm pack produced nothing for packages/${dir}`)
    tarballs[`@latch/${dir}`] = join(into, file)
  }
  return tarballs
}

/**
 * Pack the packages and install them with APP_DEPENDENCIES into one temp dir (pnpm, store first). Run once per
 * test run (vitest globalSetup); fixture apps are copied into sub-directories of it, so they resolve its node_modules.
 */
export async function installBase(): Promise<string> {
  const dir = mkdtempSync(join(tmpdir(), 'latch-apps-'))
  const packs = join(dir, '.packs')
  mkdirSync(packs)
  const tarballs = await packAll(packs)
  const dependencies: Record<string, string> = { ...APP_DEPENDENCIES, typescript: '5.9.3' }
  for (const [name, file] of Object.entries(tarballs)) dependencies[name] = `file:${file}`
  // The packed @latch/* depend on each other by version (workspace:* is rewritten): point those at the tarballs too.
  const overrides = Object.fromEntries(Object.entries(tarballs).map(([name, file]) => [name, `file:${file}`]))
  writeFileSync(
    join(dir, 'package.json'),
    JSON.stringify({ name: 'latch-fixture-apps', private: true, type: 'module', dependencies, pnpm: { overrides } }, null, 2),
  )
  await pnpm(['install', '--prefer-offline', '--ignore-scripts', '--config.confirmModulesPurge=false', '--config.auto-install-peers=false', '--config.strict-peer-dependencies=false'], dir)
  return dir
}

/** Copy `fixture` into a new sub-directory of the installed base dir. The caller removes it. */
export function installApp(base: string, fixture: string): InstalledApp {
  const dir = mkdtempSync(join(base, 'app-'))
  cpSync(fixture, dir, { recursive: true })
  return {
    dir,
    async typecheck(project = '.') {
      const tsc = join(base, 'node_modules', 'typescript', 'bin', 'tsc')
      try {
        await run(process.execPath, [tsc, '-p', join(dir, project), '--noEmit', '--pretty', 'false'], { cwd: dir, maxBuffer: 64 << 20 })
        return []
      } catch (e) {
        const out = String((e as { stdout?: string }).stdout ?? e)
        return out.split('\n').filter((l) => l.trim())
      }
    },
    remove() {
      rmSync(dir, { recursive: true, force: true })
    },
  }
}
