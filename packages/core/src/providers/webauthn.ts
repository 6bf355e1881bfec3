import { WebAuthn, type WebAuthnConfig, type WebAuthnOptions, type RelyingParty } from '../passkeys/provider.js'

export type { WebAuthnConfig, WebAuthnOptions, RelyingParty }
export { WebAuthn }
export default WebAuthn
