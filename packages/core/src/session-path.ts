/**
 * The session check's modules, gathered for edge bundlers with code splitting (ARCHITECTURE.md "What loads when").
 *
 * esbuild puts the modules shared by each different set of lazily loaded modules into a chunk of its own, and a
 * session check loads every chunk that holds a piece of its path: 15 to 20 small chunks, each compressed alone.
 * Every lazily loaded module (each `import()` target in the core) imports this module for its effect, so each
 * reaches the whole session path, every session-path module is shared by the same set, and the path lands in one
 * chunk. It is the one module package.json lists under `sideEffects` (a side-effect-free bare import would be
 * dropped before chunking). In Node it costs nothing: these modules are loaded before any lazy module is.
 * `test/lazy-loading.test.ts` checks that every `import()` target imports it and counts the chunks.
 */
import './auth.js'
// Imported by the session path only through index.ts's re-exports, and by the provider modules.
import './env.js'
import './http/client-address.js'
import './providers/provider-defaults.js'
