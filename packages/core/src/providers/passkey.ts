import { Passkey, type WebAuthnConfig, type WebAuthnOptions, type RelyingParty, type GetUserInfo, type WebAuthnUserInfoOptions, type WebAuthnUserInfoRequest, type PasskeyMailParams, type PasskeyMailKind, type PasskeySignUpMode } from '../passkeys/provider.js'

export type { WebAuthnConfig, WebAuthnOptions, RelyingParty, GetUserInfo, WebAuthnUserInfoOptions, WebAuthnUserInfoRequest, PasskeyMailParams, PasskeyMailKind, PasskeySignUpMode }
export { Passkey }
export default Passkey
