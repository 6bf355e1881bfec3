/**
 * Rewrite an Auth.js / NextAuth app to Latch: every source file under `dir` (node_modules, build output and
 * dot-directories skipped) has its Auth.js module specifiers rewritten; what cannot be converted is listed.
 */
import { readdirSync, readFileSync, writeFileSync } from 'node:fs'
import { join, relative } from 'node:path'
import { unifiedDiff } from './diff.js'
import { transformSource, type Problem } from './transform.js'

export { transformSource, type Problem, type TransformResult } from './transform.js'
export { mapSpecifier, LATCH_PROVIDERS, type Mapping } from './specifiers.js'
export { unifiedDiff } from './diff.js'

const SOURCE = /\.(?:[cm]?[jt]s|[jt]sx)$/
const SKIP = new Set(['node_modules', 'dist', 'build', 'out', 'coverage'])

export interface FileReport {
  /** Relative to the directory given. */
  path: string
  changes: number
  problems: Problem[]
  diff: string
}

export interface CodemodReport {
  files: FileReport[]
  /** Files changed (or, with `dry`, that would change). */
  changed: number
  problems: { path: string; line: number; specifier: string; message: string }[]
}

function* sourceFiles(dir: string): Generator<string> {
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    if (entry.name.startsWith('.') || SKIP.has(entry.name)) continue
    const full = join(dir, entry.name)
    if (entry.isDirectory()) yield* sourceFiles(full)
    else if (entry.isFile() && SOURCE.test(entry.name) && !entry.name.endsWith('.d.ts.map')) yield full
  }
}

export function runCodemod(dir: string, options: { dry?: boolean } = {}): CodemodReport {
  const files: FileReport[] = []
  for (const file of sourceFiles(dir)) {
    const before = readFileSync(file, 'utf8')
    const { output, changes, problems } = transformSource(file, before)
    if (!changes && !problems.length) continue
    const path = relative(dir, file).split('\\').join('/')
    const changed = output !== before
    if (changed && !options.dry) writeFileSync(file, output)
    files.push({ path, changes: changed ? changes : 0, problems, diff: changed ? unifiedDiff(path, before, output) : '' })
  }
  return {
    files,
    changed: files.filter((f) => f.diff).length,
    problems: files.flatMap((f) => f.problems.map((p) => ({ path: f.path, ...p }))),
  }
}
