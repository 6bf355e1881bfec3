/**
 * @simplewebauthn/server, loaded on the first passkey request only: it is large (ASN.1 and X.509 for attestation
 * formats, about 4x the rest of the handler) and nothing else needs it. It runs on WebCrypto, so it works on edge
 * runtimes too.
 *
 * The core never names the package in an `import()` a bundler would follow: the `Passkey`/`WebAuthn` factories of
 * `@latch/core/providers/passkey` and `/webauthn` put its loaders on the provider (WEBAUTHN_LIBRARY), so an app
 * bundles it only when it imports one of them, as with Auth.js's provider. A provider object written by hand has
 * no loaders: the package is then imported by name at run time, which works in Node but not in an edge bundle.
 */
import { WEBAUTHN_LIBRARY, type WebAuthnLibrary } from './library-slot.js'

type Server = typeof import('@simplewebauthn/server')
type Helpers = typeof import('@simplewebauthn/server/helpers')

// The fallback's specifiers are variables, so bundlers leave these imports alone.
const SERVER = '@simplewebauthn/server'
const HELPERS = '@simplewebauthn/server/helpers'
const byName: WebAuthnLibrary = {
  server: () => import(/* webpackIgnore: true */ /* @vite-ignore */ SERVER) as Promise<Server>,
  helpers: () => import(/* webpackIgnore: true */ /* @vite-ignore */ HELPERS) as Promise<Helpers>,
}

function libraryOf(provider: object): WebAuthnLibrary {
  return (provider as { [WEBAUTHN_LIBRARY]?: WebAuthnLibrary })[WEBAUTHN_LIBRARY] ?? byName
}

let loading: Promise<Server> | undefined

export function simpleWebAuthn(provider: object): Promise<Server> {
  return (loading ??= libraryOf(provider).server().catch((e) => {
    loading = undefined
    throw loadError(e)
  }))
}

let helpers: Promise<Helpers> | undefined

export function simpleWebAuthnHelpers(provider: object): Promise<Helpers> {
  return (helpers ??= libraryOf(provider).helpers().catch((e) => {
    helpers = undefined
    throw loadError(e)
  }))
}

function loadError(cause: unknown): Error {
  return new Error(
    '@simplewebauthn/server could not be loaded: build passkey providers with Passkey() or WebAuthn() from @latch/core/providers/passkey (or /webauthn), which bundle it',
    { cause },
  )
}
