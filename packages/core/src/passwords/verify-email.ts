import type { RequestContext, ResponseInternal } from '../context.js'
import { Verification } from '../errors.js'
import { adapterCall } from '../session/database-session.js'
import { pageUrl, resolveCallbackUrl } from '../http/redirect.js'
import { ensureCsrf } from '../actions/csrf.js'
import { emit } from '../actions/events.js'
import { linkAddress, passwordAdapter, passwordProvider } from './settings.js'
import { consumeLink } from './tokens.js'
import { answer, page, run } from './respond.js'
import { noticePage, verifyConfirmPage } from './pages.js'
import { customPage } from '../pages/custom.js'

/** GET /verify-email?token=&email= — the confirmation page; consumes nothing, sets only the CSRF cookie. */
export async function verifyEmailPageAction(ctx: RequestContext): Promise<ResponseInternal> {
  const provider = passwordProvider(ctx)
  const { token, email } = linkAddress(ctx, provider)
  const { url: callbackUrl } = await resolveCallbackUrl(ctx)
  const custom = customPage(ctx, 'verifyEmail', { token, email, callbackUrl })
  if (custom) return custom
  const csrf = await ensureCsrf(ctx)
  const rendered = verifyConfirmPage({ authUrl: ctx.authUrl, providerId: provider.id, csrfToken: csrf.token, callbackUrl, token, email, theme: ctx.options.theme })
  return page(rendered, 200, csrf.cookie ? [csrf.cookie] : [])
}

/**
 * POST /verify-email (token, email, CSRF checked by the dispatcher) — consume the link (bound to the password the
 * sign-up set: a later sign-up for the address kills it) and mark the address verified. Signs nobody in: the user
 * signs in with the password next.
 */
export async function verifyEmailAction(ctx: RequestContext): Promise<ResponseInternal> {
  const provider = passwordProvider(ctx)
  return run(ctx, async () => {
    const adapter = passwordAdapter(ctx)
    const { token, email } = linkAddress(ctx, provider)
    const user = await adapterCall('getUserByEmail', () => adapter.getUserByEmail(email))
    const hash = user ? await adapterCall('getPasswordHash', () => adapter.getPasswordHash(user.id)) : null
    if (!user || !hash || !(await consumeLink(ctx, provider, adapter, { purpose: 'verify-email', email, token, passwordHash: hash }))) {
      throw new Verification('The verification link is invalid, expired or was already used')
    }
    if (!user.emailVerified) {
      const updated = await adapterCall('updateUser', () => adapter.updateUser({ id: user.id, emailVerified: new Date(ctx.options.now() * 1000) }))
      await emit(ctx, 'updateUser', { user: updated })
    }
    const { url: callbackUrl } = await resolveCallbackUrl(ctx)
    const signin = pageUrl(ctx, 'signin', { callbackUrl })
    const message = 'Your email address is verified. You can sign in now.'
    return answer(ctx, { message, url: signin }, () => noticePage({ title: 'Email verified', message, href: signin, button: 'Sign in', theme: ctx.options.theme }))
  })
}
