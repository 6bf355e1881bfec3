/**
 * @simplewebauthn/server, loaded on the first passkey request only: it is large (ASN.1 and X.509 for attestation
 * formats) and nothing else needs it. It runs on WebCrypto, so it works on edge runtimes too.
 */
let loading: Promise<typeof import('@simplewebauthn/server')> | undefined

export function simpleWebAuthn(): Promise<typeof import('@simplewebauthn/server')> {
  return (loading ??= import('@simplewebauthn/server').catch((e) => {
    loading = undefined
    throw e
  }))
}

let helpers: Promise<typeof import('@simplewebauthn/server/helpers')> | undefined

export function simpleWebAuthnHelpers(): Promise<typeof import('@simplewebauthn/server/helpers')> {
  return (helpers ??= import('@simplewebauthn/server/helpers').catch((e) => {
    helpers = undefined
    throw e
  }))
}
