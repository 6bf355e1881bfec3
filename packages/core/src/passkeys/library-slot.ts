/** Where a passkey provider carries its @simplewebauthn/server loaders (library.ts); a registered symbol, the same in every copy of the core. */
export const WEBAUTHN_LIBRARY = Symbol.for('latch.webauthn-library')

export interface WebAuthnLibrary {
  server: () => Promise<typeof import('@simplewebauthn/server')>
  helpers: () => Promise<typeof import('@simplewebauthn/server/helpers')>
}
