// Bundle size of a minimal edge entry (Auth + one OAuth provider), and cold import time, for both libraries.
import { build } from 'esbuild'
import { gzipSync } from 'node:zlib'
import { execFileSync } from 'node:child_process'
import { mkdtempSync, readFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'

const here = fileURLToPath(new URL('.', import.meta.url))
const ENTRIES = {
  latch: `export { Auth } from '@latch/core'\nexport { default as Google } from '@latch/core/providers/google'\n`,
  authjs: `export { Auth } from '@auth/core'\nexport { default as Google } from '@auth/core/providers/google'\n`,
}

// The smallest edge entry that checks a session: the JWT reader an edge middleware imports
// (NextAuth v4's withAuth is built on it; so is @latch/next/middleware).
const TOKEN_ENTRIES = {
  latch: `export { getToken } from '@latch/core/jwt'\n`,
  authjs: `export { getToken } from '@auth/core/jwt'\n`,
}

/** How every edge bundle here is built, for both libraries: esbuild, neutral platform, worker conditions, minified ESM. */
const EDGE_BUILD = {
  bundle: true,
  platform: 'neutral',
  format: 'esm',
  mainFields: ['module', 'main'],
  conditions: ['worker', 'browser'],
  target: 'es2022',
  minify: true,
  logLevel: 'silent',
}
const gzipSize = (bytes) => gzipSync(bytes, { level: 9 }).length

/** One minified ESM file of `contents`, no splitting: bytes and gzip. */
async function singleFile(contents) {
  const out = await build({ ...EDGE_BUILD, stdin: { contents, resolveDir: here, loader: 'js' }, write: false })
  const bytes = out.outputFiles[0].contents
  return { bytes: bytes.length, gzip: gzipSize(bytes) }
}

async function bundle(name) {
  const single = await singleFile(ENTRIES[name])
  const token = await singleFile(TOKEN_ENTRIES[name])
  const dir = mkdtempSync(join(tmpdir(), `bench-${name}-`))
  const result = await build({
    ...EDGE_BUILD,
    stdin: { contents: ENTRIES[name], resolveDir: here, loader: 'js', sourcefile: 'entry.js' },
    splitting: true,
    outdir: dir,
    entryNames: 'entry',
    write: true,
    metafile: true,
  })
  // Which chunks a session check really loads: run one through the split bundle and record the imports.
  let session, files
  try {
    const sessionFiles = JSON.parse(execFileSync(process.execPath, [join(here, 'session-probe.mjs'), dir, name], { cwd: here, encoding: 'utf8' }))
    session = sessionFiles.map((f) => readFileSync(join(dir, f)))
    files = new Map(Object.keys(result.metafile.outputs).map((p) => [p, readFileSync(p)]))
  } finally {
    rmSync(dir, { recursive: true, force: true })
  }
  // The entry chunk is what loads before the first request is answered (and all a session check ever
  // loads); the lazy chunks are fetched on the first sign-in / page request. Both are reported.
  const outputs = result.metafile.outputs
  // Dynamic-import targets are entry points too; the real one is the stdin entry.
  const entryPath = Object.keys(outputs).find((p) => p.endsWith('/entry.js'))
  // The entry chunk plus every chunk it imports statically: what loads before the first request is handled.
  const eager = new Set()
  const visit = (p) => {
    if (eager.has(p)) return
    eager.add(p)
    for (const i of outputs[p].imports) if (i.kind === 'import-statement' && outputs[i.path]) visit(i.path)
  }
  visit(entryPath)
  const eagerFiles = [...eager].map((p) => files.get(p))
  const eagerInputs = {}
  for (const p of eager) for (const [k, v] of Object.entries(outputs[p].inputs)) eagerInputs[k] = (eagerInputs[k] ?? 0) + v.bytesInOutput
  const all = [...files.values()]
  return {
    sessionBytes: session.reduce((n, f) => n + f.length, 0),
    sessionGzip: session.reduce((n, f) => n + gzipSize(f), 0),
    sessionChunks: session.length,
    bytes: eagerFiles.reduce((n, f) => n + f.length, 0),
    gzip: eagerFiles.reduce((n, f) => n + gzipSize(f), 0),
    eagerChunks: eagerFiles.length,
    eagerInputs,
    totalBytes: all.reduce((n, f) => n + f.length, 0),
    totalGzip: all.reduce((n, f) => n + gzipSize(f), 0),
    chunks: all.length,
    singleBytes: single.bytes,
    singleGzip: single.gzip,
    tokenBytes: token.bytes,
    tokenGzip: token.gzip,
  }
}

/** Milliseconds to import the entry in a fresh Node process (module graph load + evaluation). */
function coldImport(name, warm = true) {
  const src = ENTRIES[name].replace(/export \{ (\w+)(?: as \w+)? \} from ('[^']+')/g, (_, _name, spec) => `await import(${spec})`)
  const script = `${warm ? "await import('./warm.mjs');" : ''} const t0 = performance.now(); ${src.replace(/\n/g, '; ')} process.stdout.write(String(performance.now() - t0))`
  return Number(execFileSync(process.execPath, ['--input-type=module', '-e', script], { cwd: here, encoding: 'utf8' }))
}

const median = (xs) => { const s = [...xs].sort((a, b) => a - b); const m = s.length >> 1; return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2 }

export async function runSize({ runs = Number(process.env.BENCH_IMPORT_RUNS ?? 15) } = {}) {
  const sizes = { latch: await bundle('latch'), authjs: await bundle('authjs') }
  const times = { latch: [], authjs: [] }
  const unwarmed = { latch: [], authjs: [] }
  for (const n of ['latch', 'authjs']) coldImport(n) // warm the OS file cache for both
  for (let i = 0; i < runs; i++) {
    for (const n of i % 2 ? ['authjs', 'latch'] : ['latch', 'authjs']) {
      times[n].push(coldImport(n))
      unwarmed[n].push(coldImport(n, false))
    }
  }
  return {
    latch: { ...sizes.latch, importMs: median(times.latch), importUnwarmedMs: median(unwarmed.latch) },
    authjs: { ...sizes.authjs, importMs: median(times.authjs), importUnwarmedMs: median(unwarmed.authjs) },
    importUnwarmedRatio: median(unwarmed.latch) / median(unwarmed.authjs),
    gzipRatio: sizes.latch.gzip / sizes.authjs.gzip,
    sessionGzipRatio: sizes.latch.sessionGzip / sizes.authjs.sessionGzip,
    totalGzipRatio: sizes.latch.totalGzip / sizes.authjs.totalGzip,
    singleGzipRatio: sizes.latch.singleGzip / sizes.authjs.singleGzip,
    tokenGzipRatio: sizes.latch.tokenGzip / sizes.authjs.tokenGzip,
    importRatio: median(times.latch) / median(times.authjs),
    runs,
  }
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const r = await runSize()
  for (const n of ['latch', 'authjs']) {
    const inputs = r[n].eagerInputs
    const byPkg = {}
    for (const [file, bytesInOutput] of Object.entries(inputs)) {
      const m = file.match(/.*node_modules\/(@[^/]+\/[^/]+|[^/]+)/) ?? file.match(/(packages\/core\/dist\/[^/]+)/)
      const k = m ? m[1] : file
      byPkg[k] = (byPkg[k] ?? 0) + bytesInOutput
    }
    console.log(n, 'session check loads', r[n].sessionChunks, 'chunks', r[n].sessionBytes, 'min', r[n].sessionGzip, 'gzip; eager', r[n].bytes, 'min', r[n].gzip, 'gzip; all', r[n].chunks, 'chunks', r[n].totalBytes, 'min', r[n].totalGzip, 'gzip;', r[n].importMs.toFixed(1), 'ms import', Object.entries(byPkg).sort((a, b) => b[1] - a[1]).slice(0, 14))
  }
  console.log('session gzip ratio', r.sessionGzipRatio.toFixed(2), 'eager gzip ratio', r.gzipRatio.toFixed(2), 'total gzip ratio', r.totalGzipRatio.toFixed(2), 'single file', r.singleGzipRatio.toFixed(2), 'getToken entry', r.tokenGzipRatio.toFixed(2), 'import ratio', r.importRatio.toFixed(2))
}
