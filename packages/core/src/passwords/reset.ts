import type { RequestContext, ResponseInternal } from '../context.js'
import type { AdapterUser } from '../adapters/types.js'
import type { PasswordConfig } from './types.js'
import { Verification } from '../errors.js'
import { adapterCall } from '../session/database-session.js'
import { pageUrl, resolveCallbackUrl } from '../http/redirect.js'
import { rateLimitedResponse } from '../rate-limit/limit.js'
import { ensureCsrf } from '../actions/csrf.js'
import { emit } from '../actions/events.js'
import { provenHolder } from '../actions/adapter-signin.js'
import { checkPolicy, DEFAULT_MAX_LENGTH, DEFAULT_MIN_LENGTH, field, limitPassword, linkAddress, makeHash, passwordAdapter, passwordProvider, type PasswordAdapter } from './settings.js'
import { consumeLink } from './tokens.js'
import { revokeOtherSessions } from './revoke.js'
import { answer, page, run } from './respond.js'
import { noticePage, resetPage } from './pages.js'
import { customPage, queryCode } from '../pages/custom.js'

async function form(ctx: RequestContext, provider: PasswordConfig, error?: string) {
  const { token, email } = linkAddress(ctx, provider)
  const csrf = await ensureCsrf(ctx)
  const { url: callbackUrl } = await resolveCallbackUrl(ctx)
  const min = provider.minLength ?? DEFAULT_MIN_LENGTH
  const max = provider.maxLength ?? DEFAULT_MAX_LENGTH
  return { csrf, rendered: resetPage({ authUrl: ctx.authUrl, providerId: provider.id, csrfToken: csrf.token, callbackUrl, error, token, email, theme: ctx.options.theme, minLength: min, maxLength: max }) }
}

/** GET /password/reset?token=&email= — the new-password form; opening the link consumes nothing. */
export async function resetPageAction(ctx: RequestContext): Promise<ResponseInternal> {
  const provider = passwordProvider(ctx)
  const { token, email } = linkAddress(ctx, provider)
  const { url: callbackUrl } = await resolveCallbackUrl(ctx)
  const custom = customPage(ctx, 'resetPassword', { token, email, callbackUrl, error: queryCode(ctx) })
  if (custom) return custom
  const { csrf, rendered } = await form(ctx, provider)
  return page(rendered, 200, csrf.cookie ? [csrf.cookie] : [])
}

/**
 * Whose password the proven address sets. A holder whose address nobody proved is adopted only when it is an
 * unverified password sign-up that could never sign in (requireEmailVerification): it has no sessions or linked
 * accounts. Any other unproven holder (an OAuth user whose provider did not affirm the address, or any unverified
 * user when sign-in does not require verification) loses the address (provenHolder) and the prover gets a new user.
 */
async function holderOf(ctx: RequestContext, provider: PasswordConfig, adapter: PasswordAdapter, user: AdapterUser, stored: string | null): Promise<AdapterUser> {
  const now = new Date(ctx.options.now() * 1000)
  if (user.emailVerified || (stored && provider.requireEmailVerification !== false)) {
    if (user.emailVerified) return user
    const updated = await adapterCall('updateUser', () => adapter.updateUser({ id: user.id, emailVerified: now }))
    await emit(ctx, 'updateUser', { user: updated })
    return updated
  }
  await provenHolder(ctx, adapter, user)
  const created = await adapterCall('createUser', () => adapter.createUser({ id: crypto.randomUUID(), email: user.email, emailVerified: now }))
  await emit(ctx, 'createUser', { user: created })
  return created
}

/**
 * POST /password/reset (token, email, password; CSRF checked by the dispatcher). The policy runs first (a weak
 * password does not burn the link), then the link is consumed atomically, the password set, the address marked
 * verified (the link proved it), and every session of the user ended unless `revokeSessions: false`. Signs nobody in.
 */
export async function resetAction(ctx: RequestContext): Promise<ResponseInternal> {
  const provider = passwordProvider(ctx)
  return run(ctx, async () => {
    const adapter = passwordAdapter(ctx)
    const limit = await limitPassword(ctx, provider, 'password', null)
    if (limit.retryAfter) return rateLimitedResponse(ctx, limit.retryAfter)
    const { token, email } = linkAddress(ctx, provider)
    const password = await checkPolicy(provider, field(ctx, 'password'))
    const hash = await makeHash(provider, password)
    const user = await adapterCall('getUserByEmail', () => adapter.getUserByEmail(email))
    const stored = user ? await adapterCall('getPasswordHash', () => adapter.getPasswordHash(user.id)) : null
    if (!user || !(await consumeLink(ctx, provider, adapter, { purpose: 'password-reset', email, token, passwordHash: stored }))) {
      throw new Verification('The reset link is invalid, expired or was already used')
    }
    const holder = await holderOf(ctx, provider, adapter, user, stored)
    await adapterCall('setPasswordHash', () => adapter.setPasswordHash(holder.id, hash))
    if (provider.revokeSessions !== false) await revokeOtherSessions(ctx, holder.id)
    const { url: callbackUrl } = await resolveCallbackUrl(ctx)
    const signin = pageUrl(ctx, 'signin', { callbackUrl })
    const message = 'Your password was changed. Sign in with your new password.'
    return answer(ctx, { message, url: signin }, () => noticePage({ title: 'Password changed', message, href: signin, button: 'Sign in', theme: ctx.options.theme }))
  }, async (message) => (await form(ctx, provider, message)).rendered, undefined, { key: 'resetPassword', params: () => linkAddress(ctx, provider) })
}
