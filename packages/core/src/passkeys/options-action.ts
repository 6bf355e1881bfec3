import '../session-path.js' // one edge chunk for the session path (session-path.ts)
import type { RequestContext, ResponseInternal } from '../context.js'
import type { AdapterAuthenticator } from '../adapters/types.js'
import type { Cookie } from '../http/cookies.js'
import type { WebAuthnConfig, WebAuthnUserInfo } from './provider.js'
import { AccessDenied, InvalidProvider, InvalidRequest, MissingAdapter } from '../errors.js'
import { json } from '../http/response.js'
import { adapterCall } from '../session/database-session.js'
import { requireRecentSignIn, signedIn } from '../session/signed-in.js'
import { normalizeEmail } from '../providers/email.js'
import { isWebAuthn } from './provider.js'
import { issueChallenge, newChallenge, type ChallengeState } from './challenge.js'
import { DEFAULT_TIMEOUT_MS, relyingParty, userVerification } from './relying-party.js'
import { base64ToBase64url } from './encoding.js'
import { simpleWebAuthn } from './library.js'
import { rateLimit, rateLimitedResponse } from '../rate-limit/limit.js'

/** Signed-out options requests per client address (a sign-in page asks once per view, for autofill). */
const OPTIONS_RULE = { max: 300, windowSeconds: 15 * 60 }

/**
 * GET {basePath}/webauthn-options/:provider?action=register|authenticate[&email=…]: what next-auth/webauthn's
 * client asks before calling the browser's WebAuthn API. Answers `{ action, options }` and sets the challenge cookie.
 *
 * - authenticate (default without an e-mail address): discoverable credentials only, no `allowCredentials`, so the
 *   answer never says whether an account exists; conditional UI (autofill) uses this too.
 * - register, signed in: a new passkey for the signed-in user (a recent sign-in is required).
 * - register, signed out: sign-up with `email` (when `allowSignUp` is not false) for an address with no account.
 */
export async function webauthnOptionsAction(ctx: RequestContext): Promise<ResponseInternal> {
  const provider = ctx.provider
  if (!isWebAuthn(provider)) throw new InvalidProvider('webauthn-options needs a passkey (WebAuthn) provider')
  const adapter = ctx.options.adapter
  if (!adapter?.getAuthenticator || !adapter.createAuthenticator || !adapter.listAuthenticatorsByUserId || !adapter.updateAuthenticatorCounter) {
    throw new MissingAdapter('Passkeys need an adapter with getAuthenticator, createAuthenticator, listAuthenticatorsByUserId and updateAuthenticatorCounter')
  }
  const action = ctx.query.action
  if (action !== undefined && action !== 'register' && action !== 'authenticate') throw new InvalidRequest('action must be "register" or "authenticate"')
  const who = await signedIn(ctx)
  if (!who) {
    // Each answer stores a challenge (a verification-token row): bound what one client can make a store write.
    const limit = await rateLimit(ctx, 'passkey-options', null, { identifier: false, ip: OPTIONS_RULE })
    if (limit.retryAfter) return rateLimitedResponse(ctx, limit.retryAfter)
  }
  if (who) {
    if (action === 'register') {
      const fresh = await requireRecentSignIn(ctx)
      const user = await adapterCall('getUser', () => adapter.getUser?.(fresh.userId) ?? null)
      const label = { email: user?.email || user?.name || fresh.userId, name: user?.name ?? undefined }
      return registration(ctx, provider, label, { userId: fresh.userId })
    }
    if (action === 'authenticate') return authentication(ctx, provider)
    throw new InvalidRequest('Signed in: say action=register to add a passkey, or action=authenticate')
  }
  const email = emailParam(ctx.query.email)
  if (action === 'register' || (action === undefined && email)) {
    if (!email) throw new InvalidRequest('Registering a passkey needs an email address (or a signed-in user)')
    const existing = adapter.getUserByEmail ? await adapterCall('getUserByEmail', () => adapter.getUserByEmail!(email)) : null
    if (existing) {
      if (action === undefined) return authentication(ctx, provider)
      throw new InvalidRequest('Sign in first to add a passkey to an existing account')
    }
    if (provider.allowSignUp === false) throw new AccessDenied('Sign-up with a passkey is not allowed')
    const name = typeof ctx.query.name === 'string' && ctx.query.name.length <= 200 ? ctx.query.name : undefined
    return registration(ctx, provider, { email, name }, { user: { email, ...(name ? { name } : {}) } })
  }
  return authentication(ctx, provider)
}

function emailParam(value: string | undefined): string | undefined {
  if (value === undefined || value === '') return undefined
  try {
    return normalizeEmail(value)
  } catch {
    throw new InvalidRequest('The email address is not valid')
  }
}

function respond(body: unknown, cookie: Cookie): ResponseInternal {
  return json(body, 200, { cookies: [cookie], headers: { 'Cache-Control': 'private, no-store' } })
}

async function registration(
  ctx: RequestContext,
  provider: WebAuthnConfig,
  label: { email: string; name?: string },
  bind: { userId: string } | { user: WebAuthnUserInfo },
): Promise<ResponseInternal> {
  const adapter = ctx.options.adapter!
  const rp = relyingParty(ctx, provider)
  const uv = userVerification(provider)
  const existing: AdapterAuthenticator[] =
    'userId' in bind ? await adapterCall('listAuthenticatorsByUserId', () => adapter.listAuthenticatorsByUserId!(bind.userId)) : []
  const reg = provider.registrationOptions ?? {}
  const challenge = newChallenge()
  const { generateRegistrationOptions } = await simpleWebAuthn()
  const options = await generateRegistrationOptions({
    rpName: rp.name,
    rpID: rp.id,
    userName: label.email,
    userDisplayName: label.name ?? label.email,
    // A random user handle (as Auth.js): credentials are found by their id, never by the handle.
    userID: crypto.getRandomValues(new Uint8Array(32)),
    challenge,
    timeout: typeof reg.timeout === 'number' ? reg.timeout : DEFAULT_TIMEOUT_MS,
    attestationType: reg.attestationType ?? 'none',
    excludeCredentials: existing.map((a) => ({ id: base64ToBase64url(a.credentialID), transports: a.transports ? a.transports.split(',') : undefined })),
    authenticatorSelection: { residentKey: 'required', requireResidentKey: true, ...reg.authenticatorSelection, userVerification: uv },
  })
  const state: ChallengeState = { challenge: options.challenge, action: 'register', provider: provider.id, ...bind }
  return respond({ action: 'register', options }, await issueChallenge(ctx, provider, state))
}

async function authentication(ctx: RequestContext, provider: WebAuthnConfig): Promise<ResponseInternal> {
  const rp = relyingParty(ctx, provider)
  const auth = provider.authenticationOptions ?? {}
  const { generateAuthenticationOptions } = await simpleWebAuthn()
  const options = await generateAuthenticationOptions({
    rpID: rp.id,
    challenge: newChallenge(),
    timeout: typeof auth.timeout === 'number' ? auth.timeout : DEFAULT_TIMEOUT_MS,
    userVerification: userVerification(provider),
  })
  const state: ChallengeState = { challenge: options.challenge, action: 'authenticate', provider: provider.id }
  return respond({ action: 'authenticate', options }, await issueChallenge(ctx, provider, state))
}
