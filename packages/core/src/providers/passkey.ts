import { Passkey, type WebAuthnConfig, type WebAuthnOptions, type RelyingParty } from '../passkeys/provider.js'

export type { WebAuthnConfig, WebAuthnOptions, RelyingParty }
export { Passkey }
export default Passkey
