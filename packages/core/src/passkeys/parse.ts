import type { AuthenticationResponseJSON, RegistrationResponseJSON } from '@simplewebauthn/server'
import { InvalidRequest } from '../errors.js'
import { decodeField } from './encoding.js'
import { simpleWebAuthnHelpers } from './library.js'

/**
 * The `data` field of a passkey callback (next-auth/webauthn posts it as a JSON string), checked for shape before
 * any verification: malformed, truncated or oversized input is a 400 (InvalidRequest), never a 500 and never
 * mistaken for a failed verification. Only what passes here reaches SimpleWebAuthn.
 */
const MAX_DATA = 32 * 1024

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v)

function bad(what: string): never {
  throw new InvalidRequest(`Malformed passkey response: ${what}`)
}

function readData(value: unknown): Record<string, unknown> {
  let data: unknown = value
  if (typeof value === 'string') {
    if (value.length > MAX_DATA) bad('too large')
    try {
      data = JSON.parse(value)
    } catch {
      bad('data is not JSON')
    }
  }
  if (!isObject(data)) bad('data must be a JSON object')
  return data
}

function common(data: Record<string, unknown>): { id: string; response: Record<string, unknown> } {
  const { id, rawId, type, response } = data
  if (typeof id !== 'string' || !id || id.length > 1400 || !decodeField(id)?.length) bad('id')
  if (rawId !== undefined && rawId !== id) bad('rawId differs from id')
  if (type !== 'public-key') bad('type must be "public-key"')
  if (!isObject(response)) bad('response')
  const cd = decodeField(response.clientDataJSON)
  if (!cd) bad('clientDataJSON')
  let client: unknown
  try {
    client = JSON.parse(new TextDecoder('utf-8', { fatal: true }).decode(cd))
  } catch {
    bad('clientDataJSON is not JSON')
  }
  if (!isObject(client) || typeof client.type !== 'string' || typeof client.challenge !== 'string' || typeof client.origin !== 'string') bad('clientDataJSON fields')
  if (data.clientExtensionResults !== undefined && !isObject(data.clientExtensionResults)) bad('clientExtensionResults')
  if (data.authenticatorAttachment !== undefined && data.authenticatorAttachment !== null && typeof data.authenticatorAttachment !== 'string') bad('authenticatorAttachment')
  return { id, response }
}

export async function parseRegistration(value: unknown, provider: object): Promise<RegistrationResponseJSON> {
  const data = readData(value)
  const { id, response } = common(data)
  const attestation = decodeField(response.attestationObject, 24 * 1024)
  if (!attestation?.length) bad('attestationObject')
  const transports = response.transports
  if (transports !== undefined && (!Array.isArray(transports) || transports.length > 10 || !transports.every((t) => typeof t === 'string' && /^[a-z-]{1,20}$/.test(t)))) bad('transports')
  const { decodeAttestationObject, parseAuthenticatorData } = await simpleWebAuthnHelpers(provider)
  try {
    const decoded = decodeAttestationObject(attestation)
    const authData = decoded.get('authData')
    if (!(authData instanceof Uint8Array) || typeof decoded.get('fmt') !== 'string') throw new Error('fields')
    const parsed = parseAuthenticatorData(authData)
    if (!parsed.credentialID || !parsed.credentialPublicKey) throw new Error('no attested credential')
  } catch {
    bad('attestationObject does not decode')
  }
  return { clientExtensionResults: {}, ...data, id, rawId: id, type: 'public-key' } as unknown as RegistrationResponseJSON
}

export async function parseAuthentication(value: unknown, provider: object): Promise<AuthenticationResponseJSON> {
  const data = readData(value)
  const { id, response } = common(data)
  const authData = decodeField(response.authenticatorData)
  if (!authData || authData.length < 37) bad('authenticatorData')
  if (!decodeField(response.signature)?.length) bad('signature')
  if (response.userHandle !== undefined && response.userHandle !== null && (typeof response.userHandle !== 'string' || !decodeField(response.userHandle))) bad('userHandle')
  const { parseAuthenticatorData } = await simpleWebAuthnHelpers(provider)
  try {
    parseAuthenticatorData(authData)
  } catch {
    bad('authenticatorData does not decode')
  }
  return { clientExtensionResults: {}, ...data, id, rawId: id, type: 'public-key' } as unknown as AuthenticationResponseJSON
}
