import { WebAuthn as webAuthnConfig, type WebAuthnConfig, type WebAuthnOptions, type RelyingParty, type GetUserInfo, type WebAuthnUserInfoOptions, type WebAuthnUserInfoRequest, type PasskeyMailParams, type PasskeyMailKind, type PasskeySignUpMode } from '../passkeys/provider.js'
import { withWebAuthnLibrary } from './webauthn-library.js'

export type { WebAuthnConfig, WebAuthnOptions, RelyingParty, GetUserInfo, WebAuthnUserInfoOptions, WebAuthnUserInfoRequest, PasskeyMailParams, PasskeyMailKind, PasskeySignUpMode }

/** Auth.js's WebAuthn provider (id `webauthn`); `Passkey` is the same with id `passkey`. */
export function WebAuthn(options: WebAuthnOptions = {}): WebAuthnConfig {
  return withWebAuthnLibrary(webAuthnConfig(options))
}
export default WebAuthn
