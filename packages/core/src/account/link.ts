import '../session-path.js' // one edge chunk for the session path (session-path.ts)
import type { RequestContext, ResponseInternal } from '../context.js'
import type { AdapterAccount, AdapterUser } from '../adapters/types.js'
import type { OAuthConfig } from '../providers/types.js'
import type { Account, Profile, User } from '../types.js'
import type { Cookie } from '../http/cookies.js'
import { AuthError, InvalidCheck, InvalidProvider, OAuthAccountNotLinked } from '../errors.js'
import { adapterCall } from '../session/database-session.js'
import { signedIn } from '../session/signed-in.js'
import { timingSafeEqual } from '../tokens/compare.js'
import { oauthSignin } from '../oauth/signin.js'
import { checkSignIn } from '../actions/complete-signin.js'
import { emit } from '../actions/events.js'
import { redirectTo } from '../http/redirect.js'
import { json } from '../http/response.js'
import { afterAction, accountUrl, wantsPage } from './respond.js'
import { accountAdapter, accountUser } from './user.js'
import { bindingOf, clearLinkIntent, linkIntentCookie, readLinkIntent } from './link-intent.js'

/**
 * POST account/link/<provider> (CSRF checked by routes.ts): a recent sign-in may add an OAuth/OIDC account.
 * Starts the provider's round trip exactly as a sign-in does (state, PKCE, nonce), plus the sealed link intent.
 */
export async function startLink(ctx: RequestContext, providerId: string | undefined): Promise<ResponseInternal> {
  const provider = ctx.options.providers.find((p) => p.id === providerId)
  if (!provider || (provider.type !== 'oauth' && provider.type !== 'oidc')) {
    throw new InvalidProvider(`No OAuth provider with id "${String(providerId).slice(0, 64)}" to link`)
  }
  accountAdapter(ctx)
  const { who } = await accountUser(ctx, true)
  ctx.provider = provider
  const started = await oauthSignin(ctx, provider as OAuthConfig)
  const to = await afterAction(ctx, `linked:${provider.id}`)
  const intent = await linkIntentCookie(ctx, { uid: who.userId, p: provider.id, sid: await bindingOf(who), to })
  const cookies = [...(started.cookies ?? []), intent]
  if (!wantsPage(ctx)) return json({ url: started.redirect }, 200, { cookies, headers: { 'Cache-Control': 'private, no-store' } })
  return { ...started, cookies }
}

/**
 * The provider's callback when the browser carries a link intent. Links the provider account to the intent's
 * user, only when this request is still signed in to the session that started it; the session is left as it
 * is (no new session, no new sign-in time, the signed-in user unchanged). An account already linked to another
 * user is refused with OAuthAccountNotLinked; one already linked to this user is a no-op.
 * Returns null when the intent is unreadable or for another provider (an abandoned link): the callback is a sign-in.
 */
export async function completeLink(
  ctx: RequestContext,
  provider: OAuthConfig,
  run: () => Promise<{ user: User; account: Account; profile?: Profile; cookies?: Cookie[] }>,
): Promise<ResponseInternal | null> {
  const clear = clearLinkIntent(ctx)
  const intent = await readLinkIntent(ctx)
  ctx.cleanup = [...(ctx.cleanup ?? []), ...clear]
  // Not sealed by this app (another secret, tampered) or for another provider: no link; the callback is a sign-in.
  if (!intent || intent.p !== provider.id) return null
  try {
    const who = await signedIn(ctx)
    if (!who || who.userId !== intent.uid || !timingSafeEqual(await bindingOf(who), intent.sid)) {
      throw new InvalidCheck('The account link was started in another session; start it again from the account page')
    }
    const r = await run()
    const cookies = [...(r.cookies ?? []), ...(ctx.cleanup ?? [])]
    const adapter = accountAdapter(ctx)
    const redirect = await checkSignIn(ctx, { user: r.user, account: r.account, profile: r.profile })
    if (redirect) return redirectTo(ctx, redirect, cookies)
    const key = { provider: r.account.provider, providerAccountId: r.account.providerAccountId }
    const owner = await adapterCall('getUserByAccount', () => adapter.getUserByAccount!(key))
    if (owner && owner.id !== intent.uid) throw new OAuthAccountNotLinked(`The ${provider.id} account is already linked to another user`)
    if (!owner) {
      const user = (await adapterCall('getUser', () => adapter.getUser!(intent.uid))) as AdapterUser | null
      if (!user) throw new InvalidCheck('The account to link to no longer exists')
      const linked = { ...r.account, userId: user.id } as AdapterAccount
      await adapterCall('linkAccount', () => adapter.linkAccount!(linked))
      await emit(ctx, 'linkAccount', { user, account: linked, profile: r.profile ?? r.user })
    }
    return redirectTo(ctx, intent.to, cookies)
  } catch (e) {
    if (e instanceof AuthError && (e.code === 'InvalidCheck' || e.code === 'OAuthAccountNotLinked')) {
      ctx.options.logger.warn(e.code, e.message)
      return redirectTo(ctx, accountUrl(ctx, { error: e.code }), ctx.cleanup)
    }
    throw e
  }
}
