import type { RequestContext } from '../context.js'
import type { Cookie } from '../http/cookies.js'
import type { WebAuthnConfig, WebAuthnUserInfo } from './provider.js'
import { expireCookie } from '../http/cookies.js'
import { decode, encode } from '../tokens/jwt.js'
import { adapterCall } from '../session/database-session.js'
import { InvalidCheck } from '../errors.js'
import { sha256Hex } from './encoding.js'

/**
 * The WebAuthn challenge: random, and
 * - bound to the browser that asked for it: it lives in an encrypted cookie (Auth.js's `authjs.challenge`), which
 *   is cleared whatever the outcome;
 * - short-lived: the cookie's token expires after `challengeMaxAge` (default 5 minutes);
 * - single-use: issuing it records its hash as a verification token (the adapter's, so every instance sees it),
 *   and verifying consumes that record first. A copied cookie and response replayed later find nothing to consume.
 *   Without verification-token methods, a per-process record of used challenges stands in.
 */
export interface ChallengeState {
  challenge: string
  action: 'register' | 'authenticate'
  provider: string
  /** A sign-up: who the new account is for. */
  user?: WebAuthnUserInfo
  /** A sign-up whose address was proven by a mailed link (passkey-sign-up): the account starts verified. */
  proven?: boolean
  /** Adding a passkey: the signed-in user it is for. */
  userId?: string
  [key: string]: unknown
}

const IDENTIFIER = 'latch:webauthn-challenge'
export const DEFAULT_CHALLENGE_MAX_AGE = 300

export function challengeMaxAge(provider: WebAuthnConfig): number {
  const v = provider.challengeMaxAge
  return typeof v === 'number' && Number.isFinite(v) && v >= 10 ? Math.min(Math.floor(v), 900) : DEFAULT_CHALLENGE_MAX_AGE
}

/** 32 random bytes; SimpleWebAuthn puts them in the options base64url-encoded, and that string is what is kept. */
export function newChallenge(): Uint8Array<ArrayBuffer> {
  return crypto.getRandomValues(new Uint8Array(32))
}

/** The cookie carrying `state`, after recording the challenge as unused. */
export async function issueChallenge(ctx: RequestContext, provider: WebAuthnConfig, state: ChallengeState): Promise<Cookie> {
  const { name, options } = ctx.cookies.webauthnChallenge
  const maxAge = challengeMaxAge(provider)
  const now = ctx.options.now()
  const adapter = ctx.options.adapter
  if (adapter?.createVerificationToken && adapter.useVerificationToken) {
    const token = await sha256Hex(`${IDENTIFIER}:${state.challenge}`)
    await adapterCall('createVerificationToken', () => adapter.createVerificationToken!({ identifier: IDENTIFIER, token, expires: new Date((now + maxAge) * 1000) }))
  }
  const value = await encode({ token: state, salt: name, secret: ctx.options.secret, maxAge, now })
  return { name, value, options: { ...options, maxAge } }
}

/** The cookie clearing the challenge (on success; ctx.cleanup clears it on errors). */
export function clearChallenge(ctx: RequestContext): Cookie[] {
  const { name, options } = ctx.cookies.webauthnChallenge
  return ctx.jar.has(name) ? [expireCookie(name, options)] : []
}

/** The challenge this browser was given, consumed; InvalidCheck when missing, expired, for another provider or used. */
export async function consumeChallenge(ctx: RequestContext, provider: WebAuthnConfig, action: ChallengeState['action']): Promise<ChallengeState> {
  const { name, options } = ctx.cookies.webauthnChallenge
  const raw = ctx.jar.get(name)
  if (raw) ctx.cleanup = [...(ctx.cleanup ?? []), expireCookie(name, options)]
  const now = ctx.options.now()
  const state = raw ? await decode<ChallengeState>({ token: raw, salt: name, secret: ctx.options.secret, now }) : null
  if (!state || typeof state.challenge !== 'string' || typeof state.exp !== 'number' || state.exp <= now) {
    throw new InvalidCheck('The passkey challenge is missing or expired: request new options and try again')
  }
  if (state.provider !== provider.id || state.action !== action) throw new InvalidCheck('The passkey challenge was issued for another request')
  if (!(await markUsed(ctx, state.challenge, state.exp))) throw new InvalidCheck('The passkey challenge was already used')
  return state
}

const usedHere = new Map<string, number>()
const MAX_USED = 100_000

async function markUsed(ctx: RequestContext, challenge: string, exp: number): Promise<boolean> {
  const adapter = ctx.options.adapter
  const now = ctx.options.now()
  if (adapter?.createVerificationToken && adapter.useVerificationToken) {
    const token = await sha256Hex(`${IDENTIFIER}:${challenge}`)
    const row = await adapterCall('useVerificationToken', () => adapter.useVerificationToken!({ identifier: IDENTIFIER, token }))
    return Boolean(row && new Date(row.expires).getTime() > now * 1000)
  }
  if (usedHere.has(challenge)) return false
  if (usedHere.size >= MAX_USED) for (const [c, e] of usedHere) if (e <= now) usedHere.delete(c)
  if (usedHere.size >= MAX_USED) return false
  usedHere.set(challenge, exp)
  return true
}
