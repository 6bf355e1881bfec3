import '../session-path.js' // one edge chunk for the session path (session-path.ts)
import type { RequestContext, ResponseInternal } from '../context.js'
import type { AdapterAuthenticator } from '../adapters/types.js'
import { AuthError, InvalidRequest, MissingAdapter, UnknownAction } from '../errors.js'
import { json } from '../http/response.js'
import { pageUrl } from '../http/redirect.js'
import { adapterCall } from '../session/database-session.js'
import { requireRecentSignIn, signedIn } from '../session/signed-in.js'
import { assertKeepsASignInMethod } from '../account/sign-in-methods.js'
import { ensureCsrf } from '../actions/csrf.js'
import { isWebAuthn, type WebAuthnConfig } from './provider.js'
import { passkeysPage, type PasskeyInfo } from './page.js'

export type { PasskeyInfo }

const info = (a: AdapterAuthenticator): PasskeyInfo => ({
  id: a.credentialID,
  deviceType: a.credentialDeviceType,
  backedUp: Boolean(a.credentialBackedUp),
  transports: a.transports ? a.transports.split(',') : [],
})

function wantsJson(ctx: RequestContext): boolean {
  const accept = ctx.request.headers.get('accept') ?? ''
  if (ctx.query.format === 'json') return true
  if (ctx.method === 'POST') return !/application\/x-www-form-urlencoded|multipart\/form-data/.test(ctx.request.headers.get('content-type') ?? '') || /application\/json/.test(accept)
  return /application\/json/.test(accept) && !/text\/html/.test(accept)
}

function passkeyProvider(ctx: RequestContext): WebAuthnConfig {
  const p = ctx.options.providers.find(isWebAuthn)
  if (!p) throw new UnknownAction('No passkey provider is configured')
  return p
}

/**
 * GET/POST {basePath}/passkeys: the signed-in user's passkeys. GET lists them (JSON for `Accept: application/json`,
 * else a built-in page that can add and remove them); POST `{ action: 'delete', credentialID }` (CSRF-checked, recent
 * sign-in) removes one, never the last way to sign in.
 */
export async function passkeysAction(ctx: RequestContext): Promise<ResponseInternal> {
  const provider = passkeyProvider(ctx)
  const adapter = ctx.options.adapter
  if (!adapter?.listAuthenticatorsByUserId) throw new MissingAdapter('Listing passkeys needs adapter.listAuthenticatorsByUserId')
  const asJson = wantsJson(ctx)
  const here = `${ctx.authUrl}/passkeys`
  try {
    if (ctx.method === 'POST') return await remove(ctx, provider, asJson, here)
    const who = await signedIn(ctx)
    if (!who) {
      if (asJson) return json({ error: 'SessionRequired', message: 'Sign in first' }, 401, { headers: { 'Cache-Control': 'no-store' } })
      return { redirect: pageUrl(ctx, 'signin', { callbackUrl: here }) }
    }
    const list = (await adapterCall('listAuthenticatorsByUserId', () => adapter.listAuthenticatorsByUserId!(who.userId))).map(info)
    const removable = canRemove(adapter)
    if (asJson) return json({ passkeys: list, canRemove: removable }, 200, { headers: { 'Cache-Control': 'private, no-store' } })
    const csrf = await ensureCsrf(ctx)
    const page = passkeysPage({ ctx, provider, passkeys: list, canRemove: removable, csrfToken: csrf.token, error: ctx.query.error, done: ctx.query.done })
    return { status: 200, body: page.body, headers: page.headers, cookies: csrf.cookie ? [csrf.cookie] : [] }
  } catch (e) {
    if (asJson || !(e instanceof AuthError)) throw e
    if (e.code === 'SessionRequired' || e.code === 'SessionNotFresh') return { redirect: pageUrl(ctx, 'signin', { callbackUrl: here, error: e.code }) }
    const back = new URL(here)
    back.searchParams.set('error', e.code)
    return { redirect: back.href }
  }
}

/**
 * Removing a passkey needs `deleteAuthenticator`, a Latch method Auth.js's adapter contract lacks (its adapters, such as
 * @auth/drizzle-adapter, store authenticators but cannot delete one). Unlinking the account alone is not a removal:
 * the credential would still verify, so without the method the list says `canRemove: false` and removal is refused.
 */
function canRemove(adapter: NonNullable<RequestContext['options']['adapter']>): boolean {
  return typeof adapter.deleteAuthenticator === 'function' && typeof adapter.getAuthenticator === 'function'
}

async function remove(ctx: RequestContext, provider: WebAuthnConfig, asJson: boolean, here: string): Promise<ResponseInternal> {
  const adapter = ctx.options.adapter!
  if (ctx.body?.action !== 'delete') throw new InvalidRequest('action must be "delete"')
  const credentialID = ctx.body.credentialID
  if (typeof credentialID !== 'string' || !credentialID || credentialID.length > 1400) throw new InvalidRequest('credentialID must be a passkey id')
  if (!canRemove(adapter)) throw new InvalidRequest('Passkeys cannot be removed in this app: its adapter has no deleteAuthenticator method')
  const who = await requireRecentSignIn(ctx)
  const found = await adapterCall('getAuthenticator', () => adapter.getAuthenticator!(credentialID))
  // Someone else's passkey and no passkey at all answer alike.
  if (!found || found.userId !== who.userId) throw new InvalidRequest('No such passkey on this account')
  await assertKeepsASignInMethod(ctx, who.userId, { passkey: credentialID })
  await adapterCall('deleteAuthenticator', () => adapter.deleteAuthenticator!(credentialID))
  const key = { provider: provider.id, providerAccountId: found.providerAccountId || credentialID }
  // Its Auth.js account row goes too (an adapter without unlinkAccount keeps a row that signs nobody in).
  if (adapter.unlinkAccount) await adapterCall('unlinkAccount', () => adapter.unlinkAccount!(key))
  if (asJson) return json({ ok: true }, 200, { headers: { 'Cache-Control': 'no-store' } })
  const back = new URL(here)
  back.searchParams.set('done', 'removed')
  return { redirect: back.href }
}
