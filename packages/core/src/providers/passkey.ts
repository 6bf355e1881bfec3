import { Passkey as passkeyConfig, type WebAuthnConfig, type WebAuthnOptions, type RelyingParty, type GetUserInfo, type WebAuthnUserInfoOptions, type WebAuthnUserInfoRequest, type PasskeyMailParams, type PasskeyMailKind, type PasskeySignUpMode } from '../passkeys/provider.js'
import { withWebAuthnLibrary } from './webauthn-library.js'

export type { WebAuthnConfig, WebAuthnOptions, RelyingParty, GetUserInfo, WebAuthnUserInfoOptions, WebAuthnUserInfoRequest, PasskeyMailParams, PasskeyMailKind, PasskeySignUpMode }

/**
 * Sign in with a passkey. Use it uncalled (`providers: [Passkey]`) or with options (`Passkey({ relyingParty })`).
 * Needs an adapter with Auth.js's authenticator methods.
 */
export function Passkey(options: WebAuthnOptions = {}): WebAuthnConfig {
  return withWebAuthnLibrary(passkeyConfig(options))
}
export default Passkey
