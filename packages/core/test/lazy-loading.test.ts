import { build, type Metafile } from 'esbuild'
import { fileURLToPath } from 'node:url'
import { describe, expect, it } from 'vitest'

const root = fileURLToPath(new URL('..', import.meta.url))

/** Source files in the entry chunk and the chunks it imports statically: what loads before the first request. */
async function eagerInputs(entry: string): Promise<string[]> {
  const result = await build({
    stdin: { contents: entry, resolveDir: root, loader: 'ts', sourcefile: 'entry.ts' },
    bundle: true,
    splitting: true,
    format: 'esm',
    platform: 'neutral',
    mainFields: ['module', 'main'],
    conditions: ['worker', 'browser'],
    outdir: 'out',
    entryNames: 'entry',
    write: false,
    metafile: true,
    logLevel: 'silent',
  })
  const outputs: Metafile['outputs'] = result.metafile.outputs
  // Dynamic-import targets are entry points too; the real one is the stdin entry, written as entry.js.
  const start = Object.keys(outputs).find((p) => p.endsWith('entry.js'))!
  const seen = new Set<string>()
  const visit = (p: string) => {
    if (seen.has(p)) return
    seen.add(p)
    for (const i of outputs[p]!.imports) if (i.kind === 'import-statement' && outputs[i.path]) visit(i.path)
  }
  visit(start)
  return [...seen].flatMap((p) => Object.keys(outputs[p]!.inputs))
}

/**
 * The session check runs on every request; OAuth, pages, email and rate limiting load on first use
 * (actions/table.ts, ARCHITECTURE.md "What loads when"). A static import of them on the session path
 * would quietly undo that: this keeps it visible.
 */
describe('lazy loading', () => {
  it('Auth + a provider loads no OAuth, jose, HKDF, pages, email or rate-limit code up front', async () => {
    const eager = await eagerInputs(`
      export { Auth, getSession } from './src/index.ts'
      export { default as Google } from './src/providers/google.ts'
    `)
    expect(eager.some((f) => f.includes('src/actions/session.ts'))).toBe(true)
    expect(eager.some((f) => f.includes('src/tokens/jwe-cbc.ts'))).toBe(true)
    const heavy = eager.filter((f) =>
      /node_modules\/(\.pnpm\/)?(oauth4webapi|jose|@panva)|src\/(oauth|pages|rate-limit)\/|src\/actions\/(signin|callback|email-|pages)/.test(f),
    )
    expect(heavy).toEqual([])
  }, 60_000)

  it('jose is not in the core at all: session tokens are read and written with WebCrypto (tokens/jwe-*.ts)', async () => {
    const result = await build({
      stdin: { contents: `export * from './src/index.ts'\nexport * from './src/jwt.ts'`, resolveDir: root, loader: 'ts' },
      bundle: true,
      format: 'esm',
      platform: 'neutral',
      mainFields: ['module', 'main'],
      conditions: ['worker', 'browser'],
      write: false,
      metafile: true,
      logLevel: 'silent',
    })
    const inputs = Object.keys(result.metafile.inputs)
    expect(inputs.some((f) => f.includes('src/tokens/jwe-dir.ts'))).toBe(true)
    expect(inputs.some((f) => f.includes('node_modules/oauth4webapi'))).toBe(true)
    expect(inputs.filter((f) => /node_modules\/(\.pnpm\/)?jose/.test(f))).toEqual([])
  }, 60_000)
})
