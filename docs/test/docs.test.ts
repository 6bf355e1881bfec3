// The docs as CI checks them: every ts/tsx code block type-checks against the packages' sources, the site builds
// offline (TypeDoc, then VitePress, which fails on a dead internal link), and every error code is documented.
import { execFile } from 'node:child_process'
import { mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { dirname, join, relative, resolve } from 'node:path'
import { promisify } from 'node:util'
import ts from 'typescript'
import { describe, expect, it } from 'vitest'

const docs = resolve(import.meta.dirname, '..')
const root = resolve(docs, '..')
const run = promisify(execFile)

/** Markdown pages written by hand (not the generated API pages). */
function pages(dir = docs): string[] {
  const out: string[] = []
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    if (['node_modules', 'api', '.vitepress', '.check', 'test'].includes(entry.name)) continue
    const path = join(dir, entry.name)
    if (entry.isDirectory()) out.push(...pages(path))
    else if (entry.name.endsWith('.md')) out.push(path)
  }
  return out.sort()
}

interface Block { page: string; line: number; lang: string; code: string; file?: string }

/** Fenced ts/tsx blocks; ```ts nocheck opts a fragment out. A first line `// path/file.ts` names the file, so
 * samples on one page can import each other (`import { auth } from './auth'`). */
export function blocks(page: string): Block[] {
  const lines = readFileSync(page, 'utf8').split('\n')
  const found: Block[] = []
  for (let i = 0; i < lines.length; i++) {
    const open = /^(\s*)```(ts|tsx|typescript)(\s.*)?$/.exec(lines[i]!)
    if (!open) continue
    const start = i + 1
    let end = start
    while (end < lines.length && !/^\s*```\s*$/.test(lines[end]!)) end++
    i = end
    if (/\bnocheck\b/.test(open[3] ?? '')) continue
    const code = lines.slice(start, end).map((l) => l.slice(open[1]!.length)).join('\n')
    const named = /^\/\/ ([\w./[\]-]+\.tsx?)\s*$/.exec(code.split('\n')[0] ?? '')
    found.push({ page, line: start + 1, lang: open[2] === 'tsx' ? 'tsx' : 'ts', code, file: named?.[1] })
  }
  return found
}

describe('docs', () => {
  it('every ts/tsx code block type-checks (strict, bundler resolution)', () => {
    const check = join(docs, '.check')
    rmSync(check, { recursive: true, force: true })
    const origin = new Map<string, Block>()
    let count = 0
    for (const page of pages()) {
      const slug = relative(docs, page).replace(/\.md$/, '').replace(/[\\/]/g, '__')
      blocks(page).forEach((block, n) => {
        const file = join(check, slug, block.file ?? `snippet-${n}.${block.lang}`)
        mkdirSync(dirname(file), { recursive: true })
        // A sample without imports or exports is a script: make it a module so samples don't share globals.
        const isModule = /^\s*(import|export)\s/m.test(block.code)
        // Next apps import their own files as `@/auth`: resolve that against the page's folder of samples.
        const toPageRoot = relative(dirname(file), join(check, slug)) || '.'
        const code = block.code.replace(/(['"])@\//g, `$1${toPageRoot}/`)
        writeFileSync(file, code + (isModule ? '\n' : '\nexport {}\n'))
        origin.set(file, block)
        count++
      })
    }
    expect(count).toBeGreaterThan(5)
    const parsed = ts.getParsedCommandLineOfConfigFile(join(docs, 'tsconfig.snippets.json'), {}, {
      ...ts.sys,
      onUnRecoverableConfigFileDiagnostic: (d) => { throw new Error(ts.flattenDiagnosticMessageText(d.messageText, '\n')) },
    })!
    const program = ts.createProgram(parsed.fileNames, parsed.options)
    const problems = ts.getPreEmitDiagnostics(program).map((d) => {
      const message = ts.flattenDiagnosticMessageText(d.messageText, '\n')
      if (!d.file) return message
      const block = origin.get(resolve(d.file.fileName))
      const { line } = d.file.getLineAndCharacterOfPosition(d.start ?? 0)
      return block ? `${relative(root, block.page)}:${block.line + line}: ${message}` : `${d.file.fileName}:${line + 1}: ${message}`
    })
    expect(problems).toEqual([])
  })

  it('every error code has an entry in the error reference', () => {
    const source = readFileSync(join(root, 'packages/core/src/errors.ts'), 'utf8')
    const union = /export type AuthErrorCode =([\s\S]*?)\n\n/.exec(source)![1]!
    const codes = [...union.matchAll(/'(\w+)'/g)].map((m) => m[1]!)
    expect(codes.length).toBeGreaterThan(20)
    const reference = readFileSync(join(docs, 'reference/errors.md'), 'utf8')
    const documented = new Set([...reference.matchAll(/^## `(\w+)`/gm)].map((m) => m[1]))
    expect(codes.filter((code) => !documented.has(code))).toEqual([])
  })

  it('the site builds offline: TypeDoc API pages, then VitePress (dead internal links fail the build)', async () => {
    const { stdout } = await run('pnpm', ['run', 'build'], { cwd: docs, maxBuffer: 64 * 1024 * 1024, env: { ...process.env, NO_COLOR: '1' } })
    expect(stdout).toMatch(/build complete/i)
  })
})
