import '../session-path.js' // one edge chunk for the session path (session-path.ts)
import type { RequestContext, ResponseInternal } from '../context.js'
import type { Cookie } from '../http/cookies.js'
import type { Account, Profile, User } from '../types.js'
import { Configuration } from '../errors.js'
import { adapterCall } from '../session/database-session.js'
import { redirectTo, resolveCallbackUrl } from '../http/redirect.js'
import { settings, twoFactorAdapter } from './config.js'
import { writePending } from './pending.js'
import { customPageUrl } from '../pages/custom.js'

export interface FirstFactor {
  user: User
  account: Account | null
  profile?: Profile
  isNewUser: boolean
  passkeyUserVerified?: boolean
  cookies: Cookie[]
}

/**
 * Called by completeSignIn after the signIn callback and the adapter's user/account resolution, before any session.
 * A user with confirmed 2FA (or one `required` to enroll) gets the pending state and the code prompt, not a
 * session. Otherwise the sign-in goes on, with whether 2FA is enabled for the JWT claim.
 */
export async function twoFactorGate(ctx: RequestContext, first: FirstFactor): Promise<{ response: ResponseInternal } | { enabled: boolean }> {
  const cfg = settings(ctx)
  const adapter = twoFactorAdapter(ctx)
  const uid = first.user.id
  if (typeof uid !== 'string' || !uid) throw new Configuration('config.twoFactor needs the adapter user id; a credentials authorize() must return the adapter user')
  const record = await adapterCall('getTwoFactor', () => adapter.getTwoFactor(uid))
  const enabled = !!record?.confirmedAt
  if (first.passkeyUserVerified && cfg.passkeyCountsAsTwoFactors) return { enabled }
  let enroll = false
  if (!enabled) {
    const required = typeof cfg.required === 'function' ? await cfg.required(first.user) : cfg.required
    if (required !== true) return { enabled }
    enroll = true
  }
  const { url } = await resolveCallbackUrl(ctx)
  const cookies = await writePending(
    ctx,
    { uid, user: first.user, account: first.account, ...(first.profile ? { profile: first.profile } : {}), isNewUser: first.isNewUser, ...(ctx.provider ? { provider: ctx.provider.id } : {}), url, ...(enroll ? { enroll } : {}) },
    cfg.pendingMaxAge,
  )
  const prompt = customPageUrl(ctx, 'twoFactor', { step: enabled ? 'verify' : 'enroll' }) ?? `${ctx.authUrl}/two-factor`
  return { response: redirectTo(ctx, prompt, [...first.cookies, ...cookies]) }
}
