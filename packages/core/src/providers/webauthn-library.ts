import type { WebAuthnConfig } from '../passkeys/provider.js'
import { WEBAUTHN_LIBRARY, type WebAuthnLibrary } from '../passkeys/library-slot.js'

/**
 * @simplewebauthn/server's loaders, named here (in the provider modules an app imports), not in the core's
 * handler: only apps that use passkeys bundle it (passkeys/library.ts).
 */
const library: WebAuthnLibrary = {
  server: () => import('@simplewebauthn/server'),
  helpers: () => import('@simplewebauthn/server/helpers'),
}

export function withWebAuthnLibrary(config: WebAuthnConfig): WebAuthnConfig {
  return Object.assign(config, { [WEBAUTHN_LIBRARY]: library })
}
