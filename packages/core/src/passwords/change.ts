import type { RequestContext, ResponseInternal } from '../context.js'
import type { PasswordConfig } from './types.js'
import { CredentialsSignin } from '../errors.js'
import { adapterCall } from '../session/database-session.js'
import { resolveCallbackUrl } from '../http/redirect.js'
import { rateLimitedResponse } from '../rate-limit/limit.js'
import { ensureCsrf } from '../actions/csrf.js'
import { requireRecentSignIn, requireSignedIn } from '../session/signed-in.js'
import { checkPolicy, DEFAULT_MAX_LENGTH, DEFAULT_MIN_LENGTH, field, limitPassword, makeHash, passwordAdapter, passwordProvider, tooLong, verifyStored } from './settings.js'
import { revokeOtherSessions } from './revoke.js'
import { answer, page, run } from './respond.js'
import { changePage, noticePage } from './pages.js'

async function form(ctx: RequestContext, provider: PasswordConfig, hasPassword: boolean, error?: string) {
  const csrf = await ensureCsrf(ctx)
  const { url: callbackUrl } = await resolveCallbackUrl(ctx)
  const min = provider.minLength ?? DEFAULT_MIN_LENGTH
  const max = provider.maxLength ?? DEFAULT_MAX_LENGTH
  return { csrf, rendered: changePage({ authUrl: ctx.authUrl, providerId: provider.id, csrfToken: csrf.token, callbackUrl, error, hasPassword, theme: ctx.options.theme, minLength: min, maxLength: max }) }
}

async function storedHash(ctx: RequestContext, userId: string): Promise<string | null> {
  const adapter = passwordAdapter(ctx)
  return adapterCall('getPasswordHash', () => adapter.getPasswordHash(userId))
}

/** GET /password/change — the form (signed-in users; others go to the sign-in page). */
export async function changePageAction(ctx: RequestContext): Promise<ResponseInternal> {
  const provider = passwordProvider(ctx)
  const who = await requireSignedIn(ctx)
  const { csrf, rendered } = await form(ctx, provider, Boolean(await storedHash(ctx, who.userId)))
  return page(rendered, 200, csrf.cookie ? [csrf.cookie] : [])
}

/**
 * POST /password/change (currentPassword, password; CSRF checked by the dispatcher). Needs a recent sign-in
 * (`session.freshAge`, else SessionNotFresh) and, when the user has a password, that password (counted against
 * the user's limit). A user without one (OAuth, e-mail, passkey) sets one. Every other session of the user ends,
 * this one is re-issued, unless `revokeSessions: false`.
 */
export async function changeAction(ctx: RequestContext): Promise<ResponseInternal> {
  const provider = passwordProvider(ctx)
  let hasPassword = true
  return run(ctx, async () => {
    const adapter = passwordAdapter(ctx)
    const who = await requireRecentSignIn(ctx)
    const stored = await storedHash(ctx, who.userId)
    hasPassword = Boolean(stored)
    if (stored) {
      const limit = await limitPassword(ctx, provider, 'password', `user:${who.userId}`)
      if (limit.retryAfter) return rateLimitedResponse(ctx, limit.retryAfter)
      const current = field(ctx, 'currentPassword')
      if (!current || tooLong(provider, current) || !(await verifyStored(provider, current, stored))) {
        throw new CredentialsSignin('The current password is wrong', { reason: 'current_password' })
      }
      await limit.succeeded([`user:${who.userId}`])
    }
    const password = await checkPolicy(provider, field(ctx, 'password'))
    const hash = await makeHash(provider, password)
    await adapterCall('setPasswordHash', () => adapter.setPasswordHash(who.userId, hash))
    const cookies = provider.revokeSessions === false ? [] : await revokeOtherSessions(ctx, who.userId, who)
    const { url: callbackUrl } = await resolveCallbackUrl(ctx)
    const message = provider.revokeSessions === false ? 'Your password was saved.' : 'Your password was saved. Other devices were signed out.'
    return answer(ctx, { message, url: callbackUrl }, () => noticePage({ title: 'Password saved', message, href: callbackUrl, button: 'Continue', theme: ctx.options.theme }), cookies)
  }, async (message) => (await form(ctx, provider, hasPassword, message)).rendered, ['PasswordPolicy', 'CredentialsSignin'])
}
