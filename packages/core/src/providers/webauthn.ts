import { WebAuthn, type WebAuthnConfig, type WebAuthnOptions, type RelyingParty, type GetUserInfo, type WebAuthnUserInfoOptions, type WebAuthnUserInfoRequest } from '../passkeys/provider.js'

export type { WebAuthnConfig, WebAuthnOptions, RelyingParty, GetUserInfo, WebAuthnUserInfoOptions, WebAuthnUserInfoRequest }
export { WebAuthn }
export default WebAuthn
