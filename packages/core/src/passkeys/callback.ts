import '../session-path.js' // one edge chunk for the session path (session-path.ts)
import type { RequestContext, ResponseInternal } from '../context.js'
import type { Adapter, AdapterAuthenticator } from '../adapters/types.js'
import type { Account } from '../types.js'
import type { WebAuthnConfig } from './provider.js'
import { AccessDenied, InvalidCheck, InvalidRequest, MissingAdapter, WebAuthnVerificationError } from '../errors.js'
import { adapterCall } from '../session/database-session.js'
import { requireSignedIn, signedIn } from '../session/signed-in.js'
import { completeSignIn } from '../actions/complete-signin.js'
import { verifyCsrf } from '../actions/csrf.js'
import { emit } from '../actions/events.js'
import { redirectTo, resolveCallbackUrl } from '../http/redirect.js'
import { clearChallenge, consumeChallenge } from './challenge.js'
import { parseAuthentication, parseRegistration } from './parse.js'
import { relyingParty, userVerification } from './relying-party.js'
import { base64ToBytes, base64urlToBase64, bytesToBase64 } from './encoding.js'
import { simpleWebAuthn } from './library.js'
import { signUpMode } from './sign-up-mail.js'

type PasskeyAdapter = Adapter & Required<Pick<Adapter, 'getAuthenticator' | 'createAuthenticator' | 'listAuthenticatorsByUserId' | 'updateAuthenticatorCounter'>>

function passkeyAdapter(ctx: RequestContext): PasskeyAdapter {
  const a = ctx.options.adapter
  if (!a?.getAuthenticator || !a.createAuthenticator || !a.listAuthenticatorsByUserId || !a.updateAuthenticatorCounter) {
    throw new MissingAdapter('Passkeys need an adapter with getAuthenticator, createAuthenticator, listAuthenticatorsByUserId and updateAuthenticatorCounter')
  }
  return a as PasskeyAdapter
}

/** What every refused assertion says, whether the credential is unknown or its signature is wrong. */
const NOT_VERIFIED = 'The passkey could not be verified'

/** POST {basePath}/callback/:provider with `action` (register | authenticate) and `data` (the browser's response JSON). */
export async function passkeyCallback(ctx: RequestContext, provider: WebAuthnConfig): Promise<ResponseInternal> {
  if (ctx.method !== 'POST') throw new InvalidRequest('Passkey responses must be POSTed')
  await verifyCsrf(ctx)
  const adapter = passkeyAdapter(ctx)
  const action = ctx.body?.action
  if (action === 'authenticate') return authenticate(ctx, provider, adapter)
  if (action === 'register') return register(ctx, provider, adapter)
  throw new InvalidRequest('action must be "register" or "authenticate"')
}

async function authenticate(ctx: RequestContext, provider: WebAuthnConfig, adapter: PasskeyAdapter): Promise<ResponseInternal> {
  const response = await parseAuthentication(ctx.body?.data, provider)
  // The challenge is consumed before anything else, so every attempt (unknown credential included) uses it up.
  const { challenge } = await consumeChallenge(ctx, provider, 'authenticate')
  const credentialID = base64urlToBase64(response.id)
  const authenticator = await adapterCall('getAuthenticator', () => adapter.getAuthenticator(credentialID))
  if (!authenticator) {
    ctx.options.logger.debug('passkey: unknown credential')
    throw new WebAuthnVerificationError(NOT_VERIFIED)
  }
  const rp = relyingParty(ctx, provider)
  const uv = userVerification(provider)
  const { verifyAuthenticationResponse } = await simpleWebAuthn(provider)
  let info
  try {
    const result = await verifyAuthenticationResponse({
      response,
      expectedChallenge: challenge,
      expectedOrigin: rp.origins,
      expectedRPID: rp.ids,
      credential: {
        id: response.id,
        publicKey: base64ToBytes(authenticator.credentialPublicKey),
        counter: Number(authenticator.counter) || 0,
        transports: authenticator.transports ? (authenticator.transports.split(',') as never) : undefined,
      },
      requireUserVerification: uv === 'required',
    })
    if (!result.verified) throw new Error('not verified')
    info = result.authenticationInfo
  } catch (e) {
    throw new WebAuthnVerificationError(NOT_VERIFIED, { cause: e })
  }
  // A signature counter that did not move forward means a cloned authenticator (or a replay): refused.
  const stored = Number(authenticator.counter) || 0
  if ((info.newCounter > 0 || stored > 0) && info.newCounter <= stored) {
    throw new WebAuthnVerificationError(NOT_VERIFIED, { cause: new Error(`counter ${info.newCounter} is not above ${stored}`) })
  }
  if (info.newCounter !== stored) await adapterCall('updateAuthenticatorCounter', () => adapter.updateAuthenticatorCounter(credentialID, info.newCounter))
  const account: Account = { type: 'webauthn', provider: provider.id, providerAccountId: credentialID }
  const user = await ownerOf(ctx, adapter, authenticator, account)
  return completeSignIn(ctx, { user, account, passkeyUserVerified: info.userVerified, cookies: clearChallenge(ctx) })
}

/** The user a credential belongs to; its Auth.js account row is restored when missing (so sign-in finds the user). */
async function ownerOf(ctx: RequestContext, adapter: PasskeyAdapter, authenticator: AdapterAuthenticator, account: Account) {
  const byAccount = adapter.getUserByAccount
    ? await adapterCall('getUserByAccount', () => adapter.getUserByAccount!({ provider: account.provider, providerAccountId: account.providerAccountId }))
    : null
  if (byAccount && byAccount.id === authenticator.userId) return byAccount
  if (byAccount) throw new WebAuthnVerificationError(NOT_VERIFIED, { cause: new Error('the credential and its account name different users') })
  const user = adapter.getUser ? await adapterCall('getUser', () => adapter.getUser!(authenticator.userId)) : null
  if (!user || !adapter.linkAccount) throw new WebAuthnVerificationError(NOT_VERIFIED, { cause: new Error('the credential names no user') })
  await adapterCall('linkAccount', () => adapter.linkAccount!({ ...account, type: 'webauthn', userId: user.id }))
  return user
}

async function register(ctx: RequestContext, provider: WebAuthnConfig, adapter: PasskeyAdapter): Promise<ResponseInternal> {
  const response = await parseRegistration(ctx.body?.data, provider)
  const state = await consumeChallenge(ctx, provider, 'register')
  const rp = relyingParty(ctx, provider)
  const { verifyRegistrationResponse } = await simpleWebAuthn(provider)
  let info
  try {
    const result = await verifyRegistrationResponse({
      response,
      expectedChallenge: state.challenge,
      expectedOrigin: rp.origins,
      expectedRPID: rp.ids,
      requireUserVerification: userVerification(provider) === 'required',
    })
    if (!result.verified) throw new Error('not verified')
    info = result.registrationInfo
  } catch (e) {
    throw new WebAuthnVerificationError('The new passkey could not be verified', { cause: e })
  }
  const credentialID = base64urlToBase64(info.credential.id)
  if (await adapterCall('getAuthenticator', () => adapter.getAuthenticator(credentialID))) {
    throw new WebAuthnVerificationError('This passkey is already registered')
  }
  const transports = (info.credential.transports ?? response.response.transports ?? []).join(',')
  const authenticator = (userId: string): AdapterAuthenticator => ({
    credentialID,
    userId,
    providerAccountId: credentialID,
    counter: info.credential.counter,
    credentialBackedUp: info.credentialBackedUp,
    credentialDeviceType: info.credentialDeviceType,
    credentialPublicKey: bytesToBase64(info.credential.publicKey),
    transports: transports || null,
  })
  const account: Account = { type: 'webauthn', provider: provider.id, providerAccountId: credentialID }

  if (typeof state.userId === 'string') {
    // Adding a passkey: only for the user the options were issued to, still signed in here.
    const who = await requireSignedIn(ctx)
    if (who.userId !== state.userId) throw new InvalidCheck('The passkey challenge was issued to another user')
    if (!adapter.linkAccount) throw new MissingAdapter('Adding a passkey needs adapter.linkAccount')
    const linked = { ...account, type: 'webauthn' as const, userId: who.userId }
    await adapterCall('linkAccount', () => adapter.linkAccount!(linked))
    await adapterCall('createAuthenticator', () => adapter.createAuthenticator(authenticator(who.userId)))
    const user = (adapter.getUser && (await adapterCall('getUser', () => adapter.getUser!(who.userId)))) || { id: who.userId }
    await emit(ctx, 'linkAccount', { user, account: linked, profile: user })
    const { url } = await resolveCallbackUrl(ctx)
    return redirectTo(ctx, url, clearChallenge(ctx))
  }

  // Sign-up: a new account for the address the options named.
  const mode = signUpMode(ctx, provider)
  if (mode === false) throw new AccessDenied('Sign-up with a passkey is not allowed')
  if (!state.user || typeof state.user.email !== 'string') throw new InvalidCheck('The passkey challenge names no new user')
  // With sign-up by mail, only a challenge issued for a mailed link's proven address creates an account.
  if (mode === 'verify-email' && state.proven !== true) throw new InvalidCheck('This sign-up needs the link mailed to the address')
  if (await signedIn(ctx)) throw new InvalidCheck('Signed in since the sign-up began: add the passkey from the account instead')
  // getUserInfo's extra fields (user-info.ts) reach createUser as in Auth.js; only a mailed link proves the address.
  const proven = state.proven === true ? new Date(ctx.options.now() * 1000) : null
  const user = { ...state.user, email: state.user.email, name: typeof state.user.name === 'string' ? state.user.name : null, emailVerified: proven }
  return completeSignIn(ctx, {
    user,
    account,
    passkeyUserVerified: info.userVerified,
    cookies: clearChallenge(ctx),
    withAdapterUser: async (created) => {
      await adapterCall('createAuthenticator', () => adapter.createAuthenticator(authenticator(created.id)))
    },
  })
}
