import type { RequestContext } from '../context.js'
import type { PasswordConfig, PasswordMailKind } from './types.js'
import type { PasswordAdapter } from './settings.js'
import { adapterCall } from '../session/database-session.js'
import { hashVerificationToken, randomVerificationToken } from '../actions/verification-token.js'
import { toHex } from '../tokens/compare.js'
import { EmailSignin } from '../errors.js'

/**
 * Reset and verification links. The token is 32 random bytes; the adapter stores only its SHA-256 with the secret
 * (the magic-link scheme), under an identifier namespaced by purpose (`latch:password-reset:` /
 * `latch:verify-email:`, which no address can spell) and bound to the user's password hash at the time of sending:
 * once the password changes, every earlier link of either kind is dead. Consumed with `useVerificationToken`
 * (delete-and-return in one step), so concurrent uses of one link succeed at most once.
 */
export type LinkPurpose = 'password-reset' | 'verify-email'

const DEFAULT_MAX_AGE: Record<LinkPurpose, number> = { 'password-reset': 3600, 'verify-email': 86400 }

/** A short fingerprint of the stored password hash ('none' without one). */
async function binding(passwordHash: string | null): Promise<string> {
  if (!passwordHash) return 'none'
  const d = await crypto.subtle.digest('SHA-256', new TextEncoder().encode(`latch-password-link:${passwordHash}`))
  return toHex(new Uint8Array(d)).slice(0, 32)
}

export async function linkIdentifier(purpose: LinkPurpose, email: string, passwordHash: string | null): Promise<string> {
  return `latch:${purpose}:${await binding(passwordHash)}:${email}`
}

function secretsOf(ctx: RequestContext, provider: PasswordConfig): string[] {
  return typeof provider.secret === 'string' && provider.secret ? [provider.secret] : ctx.options.secret
}

function maxAgeOf(provider: PasswordConfig, purpose: LinkPurpose): number {
  const v = purpose === 'password-reset' ? provider.resetMaxAge : provider.verificationMaxAge
  return typeof v === 'number' && v > 0 ? v : DEFAULT_MAX_AGE[purpose]
}

const PATH: Record<LinkPurpose, string> = { 'password-reset': 'password/reset', 'verify-email': 'verify-email' }

/** Store a new link token and send the mail carrying it. */
export async function sendLink(
  ctx: RequestContext,
  provider: PasswordConfig,
  adapter: PasswordAdapter,
  params: { purpose: LinkPurpose; kind: PasswordMailKind; email: string; passwordHash: string | null },
): Promise<void> {
  const { purpose, kind, email } = params
  const token = randomVerificationToken()
  const expires = new Date((ctx.options.now() + maxAgeOf(provider, purpose)) * 1000)
  const identifier = await linkIdentifier(purpose, email, params.passwordHash)
  const hashed = await hashVerificationToken(token, secretsOf(ctx, provider)[0]!)
  await adapterCall('createVerificationToken', () => adapter.createVerificationToken({ identifier, token: hashed, expires }))
  // Built from the configured/trusted auth URL, never from the Host of this request.
  const url = new URL(`${ctx.authUrl}/${PATH[purpose]}`)
  url.search = new URLSearchParams({ token, email }).toString()
  try {
    await provider.sendVerificationRequest({ kind, identifier: email, url: url.href, expires, token, provider, theme: ctx.options.theme, request: ctx.request })
  } catch (e) {
    throw new EmailSignin(`Sending the ${kind} email through "${provider.id}" failed`, { cause: e })
  }
}

/** Consume a link token atomically; true only for an unexpired token minted for this purpose, address and password. */
export async function consumeLink(
  ctx: RequestContext,
  provider: PasswordConfig,
  adapter: PasswordAdapter,
  params: { purpose: LinkPurpose; email: string; token: string; passwordHash: string | null },
): Promise<boolean> {
  const identifier = await linkIdentifier(params.purpose, params.email, params.passwordHash)
  for (const secret of secretsOf(ctx, provider)) {
    const hashed = await hashVerificationToken(params.token, secret)
    const used = await adapterCall('useVerificationToken', () => adapter.useVerificationToken({ identifier, token: hashed }))
    // Defence in depth against an adapter that matches on the token alone.
    if (used && used.identifier === identifier && used.token === hashed) {
      return new Date(used.expires).getTime() > ctx.options.now() * 1000
    }
  }
  return false
}
