/**
 * The session check's shared modules, gathered for edge bundlers with code splitting (ARCHITECTURE.md "What
 * loads when").
 *
 * esbuild puts the modules shared by each different set of lazily loaded modules into a chunk of its own, and a
 * session check loads every chunk that holds a piece of its path: 15 to 20 small chunks, each compressed alone.
 * Every lazily loaded module (each `import()` target in the core) imports this module for its effect, so each
 * reaches all of the session path's shared modules, they are all shared by the same set, and they land in one
 * chunk. It is the one module package.json lists under `sideEffects` (a bare import of a side-effect-free module
 * is dropped before chunking). In Node it costs nothing: these modules are loaded before any lazy module is.
 *
 * The imports are the static imports of `auth.ts`, `actions/table.ts` and `actions/session.ts` (their closure is
 * the session path), not those three files: they load the lazy modules, which would make an import circle.
 * `test/lazy-loading.test.ts` checks that every `import()` target imports this module and counts the chunks.
 */
import './config/resolve.js'
import './config/defaults.js'
import './errors.js'
import './http/origin.js'
import './http/paths.js'
import './http/cookies.js'
import './http/response.js'
import './actions/events.js'
import './session/claims.js'
import './session/jwt-session.js'
// Imported by the session path only through index.ts's re-exports, and by the provider modules.
import './env.js'
import './http/client-address.js'
import './background/wait-until.js'
import './providers/provider-defaults.js'
