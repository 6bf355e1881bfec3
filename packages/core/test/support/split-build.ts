import { build, type BuildOptions, type Metafile } from 'esbuild'
import { fileURLToPath } from 'node:url'

/** The core package's root (entries are written relative to it, e.g. './src/index.ts'). */
export const coreRoot = fileURLToPath(new URL('../..', import.meta.url))

/** An edge build of `entry` (module source) with code splitting, as a bundler of a Worker would make it. */
export function splitBuildOptions(entry: string, outdir = 'out'): BuildOptions & { metafile: true } {
  return {
    stdin: { contents: entry, resolveDir: coreRoot, loader: 'ts', sourcefile: 'entry.ts' },
    bundle: true,
    splitting: true,
    format: 'esm',
    platform: 'neutral',
    mainFields: ['module', 'main'],
    conditions: ['worker', 'browser'],
    outdir,
    entryNames: 'entry',
    write: false,
    metafile: true,
    logLevel: 'silent',
  }
}

/** Source files in the entry chunk and the chunks it imports statically: what loads before the first request. */
export async function eagerInputs(entry: string): Promise<string[]> {
  const result = await build(splitBuildOptions(entry))
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

/** Every source file an unsplit edge build of `entry` (module source) takes in. */
export async function bundledInputs(entry: string): Promise<string[]> {
  const { splitting: _splitting, outdir: _outdir, entryNames: _entryNames, ...options } = splitBuildOptions(entry)
  const result = await build(options)
  return Object.keys(result.metafile.inputs)
}
