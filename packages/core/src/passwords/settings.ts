import type { RequestContext, ResponseInternal } from '../context.js'
import type { Adapter } from '../adapters/types.js'
import type { PasswordConfig } from './types.js'
import { InvalidProvider, InvalidRequest, MissingAdapter, PasswordPolicy } from '../errors.js'
import { str } from '../http/body.js'
import { InvalidEmailAddress, normalizeEmail } from '../providers/email.js'
import { rateLimit, rateLimitedResponse } from '../rate-limit/limit.js'
import { mailboxKey } from '../rate-limit/mailbox-key.js'
import { checkParams, DEFAULT_SCRYPT, dummyHash, hashPassword, normalizePassword, scryptNeedsRehash, verifyPassword, type ScryptParams } from './hash.js'

export const DEFAULT_MIN_LENGTH = 8
export const DEFAULT_MAX_LENGTH = 128

/** The password provider of this request: the one named in the path, else the configured one. */
export function passwordProvider(ctx: RequestContext): PasswordConfig {
  if (ctx.provider && ctx.provider.type !== 'password') throw new InvalidProvider(`"${ctx.provider.id}" is not a password provider`)
  const p = ctx.provider ?? ctx.options.providers.find((x) => x.type === 'password')
  if (!p) throw new InvalidProvider('No password provider is configured')
  return p as unknown as PasswordConfig
}

export type PasswordAdapter = Adapter &
  Required<Pick<Adapter, 'getUser' | 'getUserByEmail' | 'createUser' | 'updateUser' | 'getPasswordHash' | 'setPasswordHash' | 'createVerificationToken' | 'useVerificationToken'>>

const NEEDED = ['getUser', 'getUserByEmail', 'createUser', 'updateUser', 'getPasswordHash', 'setPasswordHash', 'createVerificationToken', 'useVerificationToken'] as const

export function passwordAdapter(ctx: RequestContext): PasswordAdapter {
  const adapter = ctx.options.adapter
  const missing = NEEDED.filter((m) => typeof adapter?.[m] !== 'function')
  if (!adapter || missing.length) throw new MissingAdapter(`The password provider needs an adapter with ${missing.join(', ')}`)
  return adapter as PasswordAdapter
}

export function scryptOf(provider: PasswordConfig): ScryptParams {
  return checkParams({ ...DEFAULT_SCRYPT, ...provider.scrypt })
}

/** A form field as one string, or undefined (an array or object is no value). */
export function field(ctx: RequestContext, name: string): string | undefined {
  const v = ctx.body?.[name]
  return typeof v === 'string' ? v : undefined
}

/** The normalized address of a form's `email`, or null. Same rules as the email provider. */
export function addressOf(ctx: RequestContext, provider: PasswordConfig, raw = field(ctx, 'email')): string | null {
  if (typeof raw !== 'string' || raw.length > 320) return null
  try {
    return normalizeEmail(provider.normalizeIdentifier ? provider.normalizeIdentifier(raw) : raw)
  } catch (e) {
    ctx.options.logger.debug('password: address refused', { reason: e instanceof InvalidEmailAddress ? e.message : 'normalizeIdentifier threw' })
    return null
  }
}

/**
 * The form's address for a request that mails it (sign-up, forgot password), within the mail budget (per client,
 * and per folded mailbox): the address, or the 429 answer. A missing or invalid address counts against the
 * client's budget before it is refused (InvalidRequest).
 */
export async function mailAddress(ctx: RequestContext, provider: PasswordConfig): Promise<{ email: string } | { response: ResponseInternal }> {
  const email = addressOf(ctx, provider)
  const limit = await limitPassword(ctx, provider, 'password-mail', email ? mailboxKey(email) : null)
  if (limit.retryAfter) return { response: rateLimitedResponse(ctx, limit.retryAfter) }
  if (!email) throw new InvalidRequest('Enter a valid email address')
  return { email }
}

/** The address from a link (query on GET, form on POST), or InvalidRequest. */
export function linkAddress(ctx: RequestContext, provider: PasswordConfig): { token: string; email: string } {
  const source = ctx.method === 'POST' ? (ctx.body ?? {}) : ctx.query
  const token = str(source.token)
  const email = addressOf(ctx, provider, str(source.email))
  if (!token || token.length > 512 || !email) throw new InvalidRequest('The link is missing its token or address')
  return { token, email }
}

const lengthOf = (password: string) => [...normalizePassword(password)].length

/** Too long for the provider: checked before anything is hashed (a megabyte password costs nothing to refuse). */
export function tooLong(provider: PasswordConfig, password: string): boolean {
  const max = provider.maxLength ?? DEFAULT_MAX_LENGTH
  return password.length > max * 4 || lengthOf(password) > max
}

/** The policy for a new password: length bounds first, then the app's breach check. */
export async function checkPolicy(provider: PasswordConfig, password: string | undefined): Promise<string> {
  if (typeof password !== 'string' || !password) throw new PasswordPolicy('Enter a password')
  const min = provider.minLength ?? DEFAULT_MIN_LENGTH
  const max = provider.maxLength ?? DEFAULT_MAX_LENGTH
  if (tooLong(provider, password)) throw new PasswordPolicy(`Use at most ${max} characters`)
  if (lengthOf(password) < min) throw new PasswordPolicy(`Use at least ${min} characters`)
  if (provider.isCompromised) {
    let compromised: boolean
    try {
      compromised = Boolean(await provider.isCompromised(password))
    } catch (e) {
      // A breach check that fails is no verdict; refuse rather than accept a password nobody checked.
      throw new PasswordPolicy('The password could not be checked; try again', { cause: e })
    }
    if (compromised) throw new PasswordPolicy('This password appears in a data breach; choose another')
  }
  return password
}

/** Hash a new password (the app's `hash`, else scrypt at the provider's cost). */
export async function makeHash(provider: PasswordConfig, password: string): Promise<string> {
  if (provider.hash) {
    const h = await provider.hash(password)
    if (typeof h !== 'string' || !h) throw new TypeError('Password provider: hash() must return a non-empty string')
    return h
  }
  return hashPassword(password, scryptOf(provider))
}

/**
 * Verify `password` against the stored hash, or, for a user without one, against a dummy hash of the same cost:
 * an unknown address does the same work as a known one, and still fails.
 */
export async function verifyStored(provider: PasswordConfig, password: string, stored: string | null): Promise<boolean> {
  const target = stored ?? (await dummyHash(scryptOf(provider)))
  let ok: boolean
  try {
    ok = provider.verify ? Boolean(await provider.verify(password, target)) : await verifyPassword(password, target)
  } catch {
    ok = false
  }
  return ok && stored !== null
}

export function needsRehash(provider: PasswordConfig, stored: string): boolean {
  if (provider.needsRehash) return provider.needsRehash(stored)
  if (provider.hash) return false
  return scryptNeedsRehash(stored, scryptOf(provider))
}

/**
 * A counter of the password provider, shared by all its routes: `password` counts sign-in and change attempts,
 * `password-mail` the mails sent to one mailbox (sign-up, forgot password, verification re-sends).
 */
export function limitPassword(ctx: RequestContext, provider: PasswordConfig, kind: 'password' | 'password-mail', identifier: string | null) {
  return rateLimit({ ...ctx, providerId: provider.id }, kind, identifier)
}
