import { build } from 'esbuild'
import { fileURLToPath } from 'node:url'

const root = fileURLToPath(new URL('../..', import.meta.url))

/**
 * Bundle `exports` (module source relative to packages/core) for a neutral platform, as edge bundlers do:
 * their export conditions (Vercel edge-light, Cloudflare workerd/worker), and no Node built-in resolvable,
 * so a `node:` import anywhere in the core fails the build. The result defines the global `Latch`.
 */
export async function bundleForEdge(exports: string): Promise<string> {
  const result = await build({
    stdin: { contents: exports, resolveDir: root, loader: 'ts' },
    bundle: true,
    platform: 'neutral',
    format: 'iife',
    globalName: 'Latch',
    mainFields: ['module', 'main'],
    conditions: ['edge-light', 'workerd', 'worker', 'browser'],
    target: 'es2022',
    write: false,
    logLevel: 'silent',
  })
  return result.outputFiles[0]!.text
}

