import type { RequestContext, ResponseInternal } from '../context.js'
import type { PasswordConfig } from './types.js'
import { adapterCall } from '../session/database-session.js'
import { resolveCallbackUrl } from '../http/redirect.js'
import { ensureCsrf } from '../actions/csrf.js'
import { emit } from '../actions/events.js'
import { checkPolicy, mailAddress, DEFAULT_MAX_LENGTH, DEFAULT_MIN_LENGTH, field, makeHash, passwordAdapter, passwordProvider } from './settings.js'
import { sendLink } from './tokens.js'
import { inBackground } from '../background/run.js'
import { answer, formPageAction, run } from './respond.js'
import { noticePage, signupPage } from './pages.js'

async function form(ctx: RequestContext, provider: PasswordConfig, error?: string) {
  const csrf = await ensureCsrf(ctx)
  const { url: callbackUrl } = await resolveCallbackUrl(ctx)
  const min = provider.minLength ?? DEFAULT_MIN_LENGTH
  const max = provider.maxLength ?? DEFAULT_MAX_LENGTH
  return { csrf, rendered: signupPage({ authUrl: ctx.authUrl, providerId: provider.id, csrfToken: csrf.token, callbackUrl, error, theme: ctx.options.theme, minLength: min, maxLength: max }) }
}

/** GET /signup/:password — the sign-up page. */
export function signupPageAction(ctx: RequestContext): Promise<ResponseInternal> {
  return formPageAction(ctx, 'signUp', form)
}

/** The same answer whatever happened, so the response says nothing about whether the address has an account. */
function checkYourEmail(ctx: RequestContext): ResponseInternal {
  const message = 'If this address can be used, we sent it a link. Open it to continue.'
  return answer(ctx, { message }, () => noticePage({ title: 'Check your email', message, href: ctx.origin, button: 'Home', theme: ctx.options.theme }))
}

/**
 * POST /signup/:password (email, password; CSRF checked by the dispatcher). Never merges, never signs in, never
 * says whether the address is taken:
 * - a new address: a user with an unverified address and this password; the mail verifies the address;
 * - an address whose account is itself an unverified password sign-up that cannot sign in yet
 *   (requireEmailVerification): the newest password replaces the pending one (earlier verification links die with
 *   it: they are bound to the hash);
 * - any other account (OAuth, e-mail, a verified password user, an OAuth user whose address nobody proved):
 *   nothing changes; the mail tells the owner and carries a reset link, which proves the address before any
 *   password is set (see reset.ts for how an unproven holder is treated).
 * Every path hashes the password once and sends one mail, after the answer (background/run.ts), so the mail's
 * time does not tell the paths apart either.
 */
export async function signupAction(ctx: RequestContext): Promise<ResponseInternal> {
  const provider = passwordProvider(ctx)
  return run(ctx, async () => {
    const adapter = passwordAdapter(ctx)
    const address = await mailAddress(ctx, provider)
    if ('response' in address) return address.response
    const { email } = address
    const password = await checkPolicy(provider, field(ctx, 'password'))
    const hash = await makeHash(provider, password)

    const existing = await adapterCall('getUserByEmail', () => adapter.getUserByEmail(email))
    // A pending sign-up is one that could never sign in: with verification off, an unverified account is live.
    const pending = existing && !existing.emailVerified && provider.requireEmailVerification !== false ? await adapterCall('getPasswordHash', () => adapter.getPasswordHash(existing.id)) : null
    if (!existing) {
      const name = field(ctx, 'name')?.trim().slice(0, 200)
      const user = await adapterCall('createUser', () => adapter.createUser({ id: crypto.randomUUID(), email, emailVerified: null, ...(name ? { name } : {}) }))
      await emit(ctx, 'createUser', { user })
      await adapterCall('setPasswordHash', () => adapter.setPasswordHash(user.id, hash))
      inBackground(ctx, 'sign-up verification mail', () => sendLink(ctx, provider, adapter, { purpose: 'verify-email', kind: 'verify-email', email, passwordHash: hash }))
    } else if (pending) {
      await adapterCall('setPasswordHash', () => adapter.setPasswordHash(existing.id, hash))
      inBackground(ctx, 'sign-up verification mail', () => sendLink(ctx, provider, adapter, { purpose: 'verify-email', kind: 'verify-email', email, passwordHash: hash }))
    } else {
      inBackground(ctx, 'account-exists mail', async () => {
        const current = await adapterCall('getPasswordHash', () => adapter.getPasswordHash(existing.id))
        await sendLink(ctx, provider, adapter, { purpose: 'password-reset', kind: 'account-exists', email, passwordHash: current })
      })
    }
    return checkYourEmail(ctx)
  }, async (message) => (await form(ctx, provider, message)).rendered, ['PasswordPolicy', 'InvalidRequest'], { key: 'signUp', params: { provider: provider.id } })
}
