import type { RequestContext, ResponseInternal } from '../context.js'
import type { PasswordConfig } from './types.js'
import { adapterCall } from '../session/database-session.js'
import { resolveCallbackUrl } from '../http/redirect.js'
import { inBackground } from '../background/run.js'
import { ensureCsrf } from '../actions/csrf.js'
import { mailAddress, passwordAdapter, passwordProvider } from './settings.js'
import { sendLink } from './tokens.js'
import { answer, formPageAction, run } from './respond.js'
import { forgotPage, noticePage } from './pages.js'

async function form(ctx: RequestContext, provider: PasswordConfig, error?: string) {
  const csrf = await ensureCsrf(ctx)
  const { url: callbackUrl } = await resolveCallbackUrl(ctx)
  return { csrf, rendered: forgotPage({ authUrl: ctx.authUrl, providerId: provider.id, csrfToken: csrf.token, callbackUrl, error, theme: ctx.options.theme }) }
}

/** GET /password/forgot — the form. */
export function forgotPageAction(ctx: RequestContext): Promise<ResponseInternal> {
  return formPageAction(ctx, 'forgotPassword', form)
}

/**
 * POST /password/forgot (email, CSRF checked by the dispatcher). The same answer whether or not the address has an
 * account, in the same time (the mail is sent after the answer); a known one gets a reset link (bound to its current
 * password hash, so it dies once the password changes).
 */
export async function forgotAction(ctx: RequestContext): Promise<ResponseInternal> {
  const provider = passwordProvider(ctx)
  return run(ctx, async () => {
    const adapter = passwordAdapter(ctx)
    const address = await mailAddress(ctx, provider)
    if ('response' in address) return address.response
    const { email } = address
    const user = await adapterCall('getUserByEmail', () => adapter.getUserByEmail(email))
    // The link is stored and mailed after the answer (background/run.ts): a known and an unknown address both
    // answer after the one lookup, however long the mail takes. A failure is logged, never shown.
    if (user) {
      inBackground(ctx, 'password reset mail', async () => {
        const current = await adapterCall('getPasswordHash', () => adapter.getPasswordHash(user.id))
        await sendLink(ctx, provider, adapter, { purpose: 'password-reset', kind: 'reset-password', email, passwordHash: current })
      })
    }
    const message = 'If an account uses this address, we sent it a link to choose a new password.'
    return answer(ctx, { message }, () => noticePage({ title: 'Check your email', message, href: ctx.origin, button: 'Home', theme: ctx.options.theme }))
  }, async (message) => (await form(ctx, provider, message)).rendered, ['InvalidRequest'], { key: 'forgotPassword', params: { provider: provider.id } })
}
