#!/usr/bin/env node
/**
 *   latch-codemod <dir> [--dry]
 *
 * Rewrites the Auth.js / NextAuth imports of the app in <dir> to Latch. `--dry` prints a unified diff and writes
 * nothing. Lists, as file:line, what it cannot convert. Exit code 0, or 1 when something could not be converted.
 */
import { existsSync, statSync } from 'node:fs'
import { resolve } from 'node:path'
import { runCodemod } from './index.js'

const args = process.argv.slice(2)
const dry = args.includes('--dry') || args.includes('--dry-run')
const dirs = args.filter((a) => !a.startsWith('-'))
const unknown = args.filter((a) => a.startsWith('-') && !['--dry', '--dry-run'].includes(a))
if (dirs.length !== 1 || unknown.length || args.includes('--help')) {
  process.stderr.write('usage: latch-codemod <dir> [--dry]\n')
  process.exit(2)
}
const dir = resolve(dirs[0]!)
if (!existsSync(dir) || !statSync(dir).isDirectory()) {
  process.stderr.write(`latch-codemod: ${dir} is not a directory\n`)
  process.exit(2)
}
const report = runCodemod(dir, { dry })
if (dry) for (const f of report.files) process.stdout.write(f.diff)
const verb = dry ? 'would change' : 'changed'
process.stdout.write(`latch-codemod: ${verb} ${report.changed} file(s)\n`)
if (report.problems.length) {
  process.stdout.write(`latch-codemod: ${report.problems.length} import(s) to convert by hand:\n`)
  for (const p of report.problems) process.stdout.write(`  ${p.path}:${p.line}: ${p.message}\n`)
  process.exitCode = 1
}
