import { WebAuthn, type WebAuthnConfig, type WebAuthnOptions, type RelyingParty, type PasskeyMailParams, type PasskeyMailKind, type PasskeySignUpMode } from '../passkeys/provider.js'

export type { WebAuthnConfig, WebAuthnOptions, RelyingParty, PasskeyMailParams, PasskeyMailKind, PasskeySignUpMode }
export { WebAuthn }
export default WebAuthn
