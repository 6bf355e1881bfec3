import type { RequestContext } from '../context.js'
import type { Adapter } from '../adapters/types.js'
import type { PasswordConfig } from '../passwords/types.js'
import type { PasskeyMailKind, PasskeyMailParams, PasskeySignUpMode, WebAuthnConfig } from './provider.js'
import { adapterCall } from '../session/database-session.js'
import { hashVerificationToken, randomVerificationToken } from '../actions/verification-token.js'
import { pageUrl } from '../http/redirect.js'
import { EmailSignin, MissingAdapter } from '../errors.js'

/**
 * Passkey sign-up with the address proven by mail (`signUp: 'verify-email'`). The options request answers the same
 * for every address and, after the response, mails either a sign-up link (a new address) or an "you already have an
 * account" note (an address with one). The link's token is 32 random bytes stored only as its SHA-256 with the
 * secret (the magic-link scheme) under `latch:passkey-sign-up:<provider>:<address>`, which no address can spell;
 * consumed with `useVerificationToken` (delete-and-return), so it works once.
 */
const DEFAULT_MAX_AGE = 900

type Sender = (params: PasskeyMailParams) => unknown

/** The mail sender: the provider's own, else the app's Password provider's (its mails carry a `kind`). */
function senderOf(ctx: RequestContext, provider: WebAuthnConfig): Sender | null {
  if (typeof provider.sendVerificationRequest === 'function') return provider.sendVerificationRequest
  const password = ctx.options.providers.find((p) => p.type === 'password') as unknown as PasswordConfig | undefined
  const send = password?.sendVerificationRequest
  return typeof send === 'function' ? (params) => send({ ...params, provider: password! } as never) : null
}

/** How a signed-out visitor signs up here: proven by mail, Auth.js's direct way, or not at all. */
export function signUpMode(ctx: RequestContext, provider: WebAuthnConfig): PasskeySignUpMode | false {
  if (provider.allowSignUp === false || provider.signUp === false) return false
  if (provider.signUp === 'verify-email' || provider.signUp === 'direct') return provider.signUp
  return senderOf(ctx, provider) ? 'verify-email' : 'direct'
}

export function signUpMaxAge(provider: WebAuthnConfig): number {
  const v = provider.signUpMaxAge
  return typeof v === 'number' && Number.isFinite(v) && v >= 60 ? Math.min(Math.floor(v), 3600) : DEFAULT_MAX_AGE
}

type TokenAdapter = Adapter & Required<Pick<Adapter, 'createVerificationToken' | 'useVerificationToken' | 'getUserByEmail'>>

export function signUpAdapter(ctx: RequestContext): TokenAdapter {
  const a = ctx.options.adapter
  if (!a?.createVerificationToken || !a.useVerificationToken || !a.getUserByEmail) {
    throw new MissingAdapter('Passkey sign-up by mail needs an adapter with createVerificationToken, useVerificationToken and getUserByEmail')
  }
  return a as TokenAdapter
}

const identifierOf = (provider: WebAuthnConfig, email: string) => `latch:passkey-sign-up:${provider.id}:${email}`

/** Look the address up and send the matching mail (run in the background: background/run.ts). */
export async function sendSignUpMail(ctx: RequestContext, provider: WebAuthnConfig, email: string): Promise<void> {
  const adapter = signUpAdapter(ctx)
  const send = senderOf(ctx, provider)
  if (!send) throw new EmailSignin(`Passkey sign-up by mail: "${provider.id}" has no sendVerificationRequest and there is no Password provider`)
  const expires = new Date((ctx.options.now() + signUpMaxAge(provider)) * 1000)
  const existing = await adapterCall('getUserByEmail', () => adapter.getUserByEmail(email))
  let kind: PasskeyMailKind
  let url: string
  let token = ''
  if (existing) {
    // No registration for someone else's account: the owner is told, and signs in as usual.
    kind = 'passkey-account-exists'
    url = pageUrl(ctx, 'signin')
  } else {
    kind = 'passkey-sign-up'
    token = randomVerificationToken()
    const hashed = await hashVerificationToken(token, ctx.options.secret[0]!)
    await adapterCall('createVerificationToken', () => adapter.createVerificationToken({ identifier: identifierOf(provider, email), token: hashed, expires }))
    // Built from the configured/trusted auth URL, never from the Host of this request.
    const link = new URL(`${ctx.authUrl}/passkey-sign-up/${encodeURIComponent(provider.id)}`)
    link.search = new URLSearchParams({ token, email }).toString()
    url = link.href
  }
  try {
    await send({ kind, identifier: email, url, token, expires, provider, theme: ctx.options.theme, request: ctx.request })
  } catch (e) {
    throw new EmailSignin(`Sending the ${kind} email through "${provider.id}" failed`, { cause: e })
  }
}

/** Consume a sign-up link atomically: true only once, for an unexpired token minted for this provider and address. */
export async function consumeSignUpLink(ctx: RequestContext, provider: WebAuthnConfig, email: string, token: string): Promise<boolean> {
  const adapter = signUpAdapter(ctx)
  const identifier = identifierOf(provider, email)
  for (const secret of ctx.options.secret) {
    const hashed = await hashVerificationToken(token, secret)
    const used = await adapterCall('useVerificationToken', () => adapter.useVerificationToken({ identifier, token: hashed }))
    // Defence in depth against an adapter that matches on the token alone.
    if (used && used.identifier === identifier && used.token === hashed) return new Date(used.expires).getTime() > ctx.options.now() * 1000
  }
  return false
}
