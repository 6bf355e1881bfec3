import { scryptAsync } from '@noble/hashes/scrypt.js'
import { timingSafeEqual } from '../tokens/compare.js'

/**
 * Password hashing: scrypt (RFC 7914) through @noble/hashes (audited, pure JS, edge-safe). Each stored hash names
 * its own parameters, PHC style: `$scrypt$ln=17,r=8,p=1$<salt>$<key>` (unpadded base64), so parameters can be
 * raised later and old hashes still verify (and are upgraded at the next sign-in, see needsRehash).
 */
export interface ScryptParams {
  /** log2 of the CPU/memory cost N. Default 17 (N = 131072, 128 MiB with r = 8: OWASP's recommendation). */
  ln: number
  /** Block size. Default 8. */
  r: number
  /** Parallelism. Default 1. */
  p: number
}

export const DEFAULT_SCRYPT: ScryptParams = { ln: 17, r: 8, p: 1 }
const SALT_BYTES = 16
const KEY_BYTES = 32
/** Bounds on parameters read from storage, so a tampered row cannot make one verification cost minutes or GiBs. */
const MAX = { ln: 20, r: 32, p: 16 }
/** At most 256 MiB of scrypt memory (128 · N · r) and 4 times the default work (N · r · p). */
const MAX_MEMORY = 2 ** 28
const MAX_WORK = 2 ** 22

/** Passwords are compared as Unicode NFKC (NIST SP 800-63B), so composed and decomposed input are one password. */
export function normalizePassword(password: string): string {
  return password.normalize('NFKC')
}

function b64(bytes: Uint8Array): string {
  let s = ''
  for (const b of bytes) s += String.fromCharCode(b)
  return btoa(s).replace(/=+$/, '')
}

function unb64(s: string): Uint8Array | null {
  if (!/^[A-Za-z0-9+/]+$/.test(s)) return null
  try {
    const bin = atob(s + '='.repeat((4 - (s.length % 4)) % 4))
    return Uint8Array.from(bin, (c) => c.charCodeAt(0))
  } catch {
    return null
  }
}

export function checkParams(params: ScryptParams): ScryptParams {
  const { ln, r, p } = params
  const ok = (v: number, min: number, max: number) => Number.isInteger(v) && v >= min && v <= max
  if (!ok(ln, 1, MAX.ln) || !ok(r, 1, MAX.r) || !ok(p, 1, MAX.p)) {
    throw new TypeError(`scrypt parameters out of range: ln 1..${MAX.ln}, r 1..${MAX.r}, p 1..${MAX.p}`)
  }
  if (128 * 2 ** ln * r > MAX_MEMORY || 2 ** ln * r * p > MAX_WORK) {
    throw new TypeError('scrypt parameters too costly: at most 256 MiB (128 · 2^ln · r) and 2^22 work (2^ln · r · p)')
  }
  return { ln, r, p }
}

async function derive(password: string, salt: Uint8Array, { ln, r, p }: ScryptParams, dkLen: number): Promise<Uint8Array> {
  // maxmem: what these parameters need (128 · r · (N + p) bytes, with room), never more.
  const maxmem = 128 * r * (2 ** ln + p) + 1024
  return scryptAsync(new TextEncoder().encode(normalizePassword(password)), salt, { N: 2 ** ln, r, p, dkLen, maxmem })
}

/** Hash a password with fresh random salt: the self-describing string adapters store. */
export async function hashPassword(password: string, params: ScryptParams = DEFAULT_SCRYPT): Promise<string> {
  const use = checkParams(params)
  const salt = crypto.getRandomValues(new Uint8Array(SALT_BYTES))
  const key = await derive(password, salt, use, KEY_BYTES)
  return `$scrypt$ln=${use.ln},r=${use.r},p=${use.p}$${b64(salt)}$${b64(key)}`
}

interface Parsed {
  params: ScryptParams
  salt: Uint8Array
  key: Uint8Array
}

/** The parts of a `$scrypt$` string, or null when it is not one (or its parameters are out of bounds). */
export function parseScryptHash(stored: string): Parsed | null {
  const m = /^\$scrypt\$ln=(\d{1,2}),r=(\d{1,2}),p=(\d{1,2})\$([A-Za-z0-9+/]+)\$([A-Za-z0-9+/]+)$/.exec(stored)
  if (!m) return null
  let params: ScryptParams
  try {
    params = checkParams({ ln: Number(m[1]), r: Number(m[2]), p: Number(m[3]) })
  } catch {
    return null
  }
  const salt = unb64(m[4]!)
  const key = unb64(m[5]!)
  if (!salt || !key || salt.length < 8 || key.length < 16 || key.length > 64) return null
  return { params, salt, key }
}

/** Whether `password` matches a `$scrypt$` hash. Anything else (another algorithm, a malformed string) is false. */
export async function verifyPassword(password: string, stored: string): Promise<boolean> {
  const parsed = parseScryptHash(stored)
  if (!parsed) return false
  const key = await derive(password, parsed.salt, parsed.params, parsed.key.length)
  return timingSafeEqual(b64(key), b64(parsed.key))
}

/** Whether a stored hash should be replaced at the next successful sign-in: not scrypt, or weaker than `params`. */
export function scryptNeedsRehash(stored: string, params: ScryptParams = DEFAULT_SCRYPT): boolean {
  const parsed = parseScryptHash(stored)
  if (!parsed) return true
  const { ln, r, p } = parsed.params
  return ln < params.ln || r < params.r || p < params.p
}

const dummies = new Map<string, Promise<string>>()

/**
 * A hash of a random password under `params`, made once per process and parameter set: verifying against it costs
 * what verifying a real user's password costs, so an unknown address answers in about the same time.
 */
export function dummyHash(params: ScryptParams): Promise<string> {
  const key = `${params.ln},${params.r},${params.p}`
  let h = dummies.get(key)
  if (!h) {
    h = hashPassword(b64(crypto.getRandomValues(new Uint8Array(18))), params)
    h.catch(() => dummies.delete(key))
    dummies.set(key, h)
  }
  return h
}
