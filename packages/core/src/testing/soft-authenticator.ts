/**
 * A software WebAuthn authenticator for tests: real P-256 keys (WebCrypto), attestation "none", real signatures,
 * so responses go through the same verification a browser's do. Edge-safe (no `node:`), used by the core's tests
 * and by the shared passkey suite (passkey-suite.ts).
 *
 *   const device = new SoftAuthenticator()
 *   const registration = await device.create(optionsJSON, 'https://app.example')
 *   const assertion = await device.get(requestOptionsJSON, 'https://app.example')
 */
const te = new TextEncoder()

export function b64u(bytes: Uint8Array | ArrayBuffer): string {
  const b = bytes instanceof Uint8Array ? bytes : new Uint8Array(bytes)
  let s = ''
  for (const x of b) s += String.fromCharCode(x)
  return btoa(s).replace(/=+$/, '').replace(/\+/g, '-').replace(/\//g, '_')
}

export function fromB64u(s: string): Uint8Array<ArrayBuffer> {
  const bin = atob(s.replace(/-/g, '+').replace(/_/g, '/'))
  return Uint8Array.from(bin, (c) => c.charCodeAt(0))
}

const concat = (...parts: Uint8Array[]) => {
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0))
  let o = 0
  for (const p of parts) (out.set(p, o), (o += p.length))
  return out
}

const sha256 = async (data: Uint8Array) => new Uint8Array(await crypto.subtle.digest('SHA-256', data as Uint8Array<ArrayBuffer>))

/** Just enough CBOR (RFC 8949) for an attestation object and a COSE key: ints, byte and text strings, maps. */
function cbor(value: unknown): Uint8Array {
  const head = (major: number, n: number) =>
    n < 24 ? Uint8Array.of((major << 5) | n) : n < 256 ? Uint8Array.of((major << 5) | 24, n) : Uint8Array.of((major << 5) | 25, n >> 8, n & 255)
  if (typeof value === 'number') return value >= 0 ? head(0, value) : head(1, -1 - value)
  if (typeof value === 'string') {
    const b = te.encode(value)
    return concat(head(3, b.length), b)
  }
  if (value instanceof Uint8Array) return concat(head(2, value.length), value)
  if (value instanceof Map) return concat(head(5, value.size), ...[...value].flatMap(([k, v]) => [cbor(k), cbor(v)]))
  throw new TypeError('cbor: unsupported value')
}

/** ECDSA raw (r || s) → ASN.1 DER, as authenticators sign. */
function derSignature(raw: Uint8Array): Uint8Array {
  const int = (b: Uint8Array) => {
    let i = 0
    while (i < b.length - 1 && b[i] === 0) i++
    let v = b.slice(i)
    if (v[0]! & 0x80) v = concat(Uint8Array.of(0), v)
    return concat(Uint8Array.of(0x02, v.length), v)
  }
  const body = concat(int(raw.slice(0, 32)), int(raw.slice(32)))
  return concat(Uint8Array.of(0x30, body.length), body)
}

export interface SoftCredential {
  id: Uint8Array
  rpId: string
  userHandle: Uint8Array
  keys: CryptoKeyPair
  counter: number
}

export interface SoftAuthenticatorOptions {
  /** Whether it verifies the user (sets UV). Default true. */
  userVerification?: boolean
  /** How much the signature counter moves per use; 0 keeps it at 0 (as many passkey providers do). Default 1. */
  counterStep?: number
  /** Report the credential as backed up (a synced passkey). Default false. */
  backedUp?: boolean
}

export class SoftAuthenticator {
  readonly credentials: SoftCredential[] = []
  userVerification: boolean
  counterStep: number
  backedUp: boolean

  constructor(options: SoftAuthenticatorOptions = {}) {
    this.userVerification = options.userVerification ?? true
    this.counterStep = options.counterStep ?? 1
    this.backedUp = options.backedUp ?? false
  }

  private flags(attested: boolean): number {
    return 0x01 | (this.userVerification ? 0x04 : 0) | (this.backedUp ? 0x18 : 0) | (attested ? 0x40 : 0)
  }

  private static counterBytes(n: number): Uint8Array {
    return Uint8Array.of((n >>> 24) & 255, (n >>> 16) & 255, (n >>> 8) & 255, n & 255)
  }

  /** navigator.credentials.create(): a registration response (JSON, as SimpleWebAuthn's browser client posts it). */
  async create(options: { challenge: string; rp: { id?: string }; user: { id: string } }, origin: string, rpId = options.rp.id ?? new URL(origin).hostname) {
    const keys = (await crypto.subtle.generateKey({ name: 'ECDSA', namedCurve: 'P-256' }, true, ['sign', 'verify'])) as CryptoKeyPair
    const raw = new Uint8Array(await crypto.subtle.exportKey('raw', keys.publicKey))
    const cose = cbor(new Map<number, unknown>([[1, 2], [3, -7], [-1, 1], [-2, raw.slice(1, 33)], [-3, raw.slice(33, 65)]]))
    const id = crypto.getRandomValues(new Uint8Array(32))
    const credential: SoftCredential = { id, rpId, userHandle: fromB64u(options.user.id), keys, counter: 0 }
    const authData = concat(
      await sha256(te.encode(rpId)),
      Uint8Array.of(this.flags(true)),
      SoftAuthenticator.counterBytes(0),
      new Uint8Array(16),
      Uint8Array.of(id.length >> 8, id.length & 255),
      id,
      cose,
    )
    const clientDataJSON = te.encode(JSON.stringify({ type: 'webauthn.create', challenge: options.challenge, origin, crossOrigin: false }))
    const attestationObject = cbor(new Map<string, unknown>([['fmt', 'none'], ['attStmt', new Map()], ['authData', authData]]))
    this.credentials.push(credential)
    return {
      id: b64u(id),
      rawId: b64u(id),
      type: 'public-key' as const,
      clientExtensionResults: {},
      authenticatorAttachment: 'platform',
      response: { clientDataJSON: b64u(clientDataJSON), attestationObject: b64u(attestationObject), transports: ['internal'] },
    }
  }

  /** navigator.credentials.get(): an assertion by `credential` (default: the newest one for the RP ID). */
  async get(options: { challenge: string; rpId?: string }, origin: string, credential?: SoftCredential, rpId = options.rpId ?? new URL(origin).hostname) {
    const cred = credential ?? [...this.credentials].reverse().find((c) => c.rpId === rpId)
    if (!cred) throw new Error(`no credential for ${rpId}`)
    cred.counter += this.counterStep
    const authData = concat(await sha256(te.encode(rpId)), Uint8Array.of(this.flags(false)), SoftAuthenticator.counterBytes(cred.counter))
    const clientDataJSON = te.encode(JSON.stringify({ type: 'webauthn.get', challenge: options.challenge, origin, crossOrigin: false }))
    const signed = concat(authData, await sha256(clientDataJSON))
    const raw = new Uint8Array(await crypto.subtle.sign({ name: 'ECDSA', hash: 'SHA-256' }, cred.keys.privateKey, signed as Uint8Array<ArrayBuffer>))
    return {
      id: b64u(cred.id),
      rawId: b64u(cred.id),
      type: 'public-key' as const,
      clientExtensionResults: {},
      authenticatorAttachment: 'platform',
      response: { clientDataJSON: b64u(clientDataJSON), authenticatorData: b64u(authData), signature: b64u(derSignature(raw)), userHandle: b64u(cred.userHandle) },
    }
  }
}
