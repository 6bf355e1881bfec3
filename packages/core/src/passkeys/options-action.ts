import '../session-path.js' // one edge chunk for the session path (session-path.ts)
import type { RequestContext, ResponseInternal } from '../context.js'
import type { AdapterAuthenticator } from '../adapters/types.js'
import type { Cookie } from '../http/cookies.js'
import type { WebAuthnConfig, WebAuthnUserInfo } from './provider.js'
import { AccessDenied, InvalidProvider, InvalidRequest, MissingAdapter } from '../errors.js'
import { json } from '../http/response.js'
import { adapterCall } from '../session/database-session.js'
import { requireRecentSignIn, signedIn } from '../session/signed-in.js'
import { signedOutUser } from './user-info.js'
import { normalizeEmail } from '../providers/email.js'
import { isWebAuthn } from './provider.js'
import { issueChallenge, newChallenge, type ChallengeState } from './challenge.js'
import { DEFAULT_TIMEOUT_MS, relyingParty, userVerification } from './relying-party.js'
import { base64ToBase64url } from './encoding.js'
import { simpleWebAuthn } from './library.js'
import { rateLimit, rateLimitedResponse } from '../rate-limit/limit.js'
import { mailboxKey } from '../rate-limit/mailbox-key.js'
import { pageUrl } from '../http/redirect.js'
import { sendSignUpMail, signUpAdapter, signUpMode } from './sign-up-mail.js'
import { inBackground } from '../background/run.js'

/** Signed-out options requests per client address (a sign-in page asks once per view, for autofill). */
const OPTIONS_RULE = { max: 300, windowSeconds: 15 * 60 }

/**
 * GET {basePath}/webauthn-options/:provider?action=register|authenticate[&email=…]: what next-auth/webauthn's
 * client asks before calling the browser's WebAuthn API. Answers `{ action, options }` and sets the challenge cookie.
 *
 * - authenticate (default without an e-mail address): discoverable credentials only, no `allowCredentials`, so the
 *   answer never says whether an account exists; conditional UI (autofill) uses this too.
 * - register, signed in: a new passkey for the signed-in user (a recent sign-in is required).
 * - register, signed out, with `email`: sign-up as the provider's `signUp` mode says (sign-up-mail.ts):
 *   `verify-email` answers `{ verificationSent: true, url }` for every address and mails it after the response;
 *   `direct` (Auth.js) answers the options for an address with no account and refuses one that has an account.
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
  // Signed out. authenticate: discoverable credentials only, never listing anyone's.
  if (action === 'authenticate') return authentication(ctx, provider)
  const mode = signUpMode(ctx, provider)
  if (action === 'register') {
    // Refused before any lookup: the answer is the same whether the address has an account.
    if (mode === false) throw new AccessDenied('Sign-up with a passkey is not allowed')
    if (mode === 'verify-email') {
      const email = emailParam(ctx.query.email)
      if (!email) throw new InvalidRequest('Registering a passkey needs an email address (or a signed-in user)')
      return requestSignUpLink(ctx, provider, email)
    }
  }
  // Only Auth.js's direct sign-up registers from this request; otherwise every address gets sign-in options, so
  // nothing is registered on a guess. Who the request is about is what getUserInfo says (user-info.ts).
  if (mode !== 'direct') return authentication(ctx, provider)
  const info = await signedOutUser(ctx, provider, adapter)
  if (!info) {
    if (action === 'register') throw new InvalidRequest('Registering a passkey needs an email address (or a signed-in user)')
    return authentication(ctx, provider)
  }
  if (info.exists) {
    if (action === undefined) return authentication(ctx, provider)
    throw new InvalidRequest('Sign in first to add a passkey to an existing account')
  }
  const { email, name } = info.user
  return registration(ctx, provider, { email, name: typeof name === 'string' ? name : undefined }, { user: info.user })
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

export async function registration(
  ctx: RequestContext,
  provider: WebAuthnConfig,
  label: { email: string; name?: string },
  bind: { userId: string } | { user: WebAuthnUserInfo; proven?: true },
): Promise<ResponseInternal> {
  const adapter = ctx.options.adapter!
  const rp = relyingParty(ctx, provider)
  const uv = userVerification(provider)
  const existing: AdapterAuthenticator[] =
    'userId' in bind ? await adapterCall('listAuthenticatorsByUserId', () => adapter.listAuthenticatorsByUserId!(bind.userId)) : []
  const reg = provider.registrationOptions ?? {}
  const challenge = newChallenge()
  const { generateRegistrationOptions } = await simpleWebAuthn(provider)
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
  const { generateAuthenticationOptions } = await simpleWebAuthn(provider)
  const options = await generateAuthenticationOptions({
    rpID: rp.id,
    challenge: newChallenge(),
    timeout: typeof auth.timeout === 'number' ? auth.timeout : DEFAULT_TIMEOUT_MS,
    userVerification: userVerification(provider),
  })
  const state: ChallengeState = { challenge: options.challenge, action: 'authenticate', provider: provider.id }
  return respond({ action: 'authenticate', options }, await issueChallenge(ctx, provider, state))
}

/** Sign-up by mail: the same answer for every address; the lookup and the mail happen after the response. */
async function requestSignUpLink(ctx: RequestContext, provider: WebAuthnConfig, email: string): Promise<ResponseInternal> {
  signUpAdapter(ctx)
  const limit = await rateLimit(ctx, 'passkey-mail', mailboxKey(email))
  if (limit.retryAfter) return rateLimitedResponse(ctx, limit.retryAfter)
  // The lookup and the mail after the answer (config.waitUntil / the platform's, see background/run.ts).
  inBackground(ctx, 'passkey sign-up mail', () => sendSignUpMail(ctx, provider, email))
  const url = pageUrl(ctx, 'verify-request', { provider: provider.id, type: 'webauthn' })
  return json({ verificationSent: true, url }, 200, { headers: { 'Cache-Control': 'private, no-store' } })
}
