import type { RequestContext, ResponseInternal } from '../context.js'
import type { Account, Profile, User } from '../types.js'
import { expireCookie, type Cookie } from '../http/cookies.js'
import type { JWT } from '../tokens/jwt-types.js'
import type { OAuthConfig } from '../providers/types.js'
import { AccessDenied, Configuration } from '../errors.js'
import { applyRedirectCallback, redirectTo, resolveCallbackUrl } from '../http/redirect.js'
import { clearSession, writeJwtSession } from '../session/jwt-session.js'
import { adapterCall, createDbSession, dbSessionToken, deleteDbSession } from '../session/database-session.js'
import { refreshableTokenFields } from '../oauth/refresh.js'
import { stableSubject } from '../oauth/subject.js'
import { sessionVersionClaim } from '../session/version.js'
import { authTimeClaim, authTimeCookie } from '../session/signed-in.js'
import { TWO_FACTOR_CLAIM } from '../session/claims.js'
import { adapterSignIn } from './adapter-signin.js'
import { emit } from './events.js'

export interface SignInInput {
  user: User
  account: Account | null
  profile?: Profile
  credentials?: Record<string, unknown>
  email?: { verificationRequest?: boolean }
  /** Cookies the provider step wants set (e.g. clearing used check cookies). */
  cookies?: Cookie[]
  /**
   * The first factor was a passkey assertion with user verification (passkeys/): two-factor (two-factor/) may
   * count it as both factors, as the app configures.
   */
  passkeyUserVerified?: boolean
}

/** Run `callbacks.signIn`; false → AccessDenied, a string → redirect there instead of signing in. */
export async function checkSignIn(ctx: RequestContext, input: SignInInput): Promise<string | undefined> {
  let allowed: boolean | string
  try {
    allowed = await ctx.options.callbacks.signIn({
      user: input.user,
      account: input.account,
      profile: input.profile,
      email: input.email,
      credentials: input.credentials,
    })
  } catch (e) {
    throw new AccessDenied('The signIn callback threw', { cause: e })
  }
  if (allowed === false) throw new AccessDenied()
  if (typeof allowed === 'string') return applyRedirectCallback(ctx, allowed)
  if (allowed !== true) throw new Configuration('callbacks.signIn must return true, false or a URL string')
  return undefined
}

async function subjectFor(user: User, account: Account | null): Promise<string> {
  if (account && (account.type === 'oauth' || account.type === 'oidc')) {
    return stableSubject(account.provider, account.providerAccountId)
  }
  if (typeof user.id === 'string' && user.id) return user.id
  if (typeof user.id === 'number') return String(user.id)
  return crypto.randomUUID()
}

/**
 * Everything after a provider has identified the user: signIn callback, user/account persistence,
 * session creation (JWT cookie or database row), events, and the redirect to the callbackUrl.
 */
export async function completeSignIn(ctx: RequestContext, input: SignInInput): Promise<ResponseInternal> {
  const { options } = ctx
  const cookies: Cookie[] = [...(input.cookies ?? [])]
  const redirectOverride = await checkSignIn(ctx, input)
  if (redirectOverride) return redirectTo(ctx, redirectOverride, cookies)

  let user: User = input.user
  let account = input.account
  let isNewUser = false
  if (options.adapter && account?.type !== 'credentials') {
    const r = await adapterSignIn(ctx, { user, account, profile: input.profile })
    user = r.user
    account = r.account
    isNewUser = r.isNewUser
  } else if (options.adapter && options.session.strategy === 'database') {
    await assertAdapterUser(ctx, user)
  }

  // Two-factor (two-factor/): with a second factor due, a pending state and the code prompt instead of a session.
  let twoFactorEnabled: boolean | undefined
  if (options.config.twoFactor) {
    const step = await (await import('../two-factor/gate.js')).twoFactorGate(ctx, { user, account, profile: input.profile, isNewUser, passkeyUserVerified: input.passkeyUserVerified, cookies })
    if ('response' in step) return step.response
    twoFactorEnabled = step.enabled
  }
  return issueSession(ctx, { user, account, profile: input.profile, isNewUser, cookies, twoFactorEnabled })
}

/** A signed-in user whose session is due: what completeSignIn resolved (or the two-factor step restored). */
export interface SessionGrant {
  user: User
  account: Account | null
  profile?: Profile
  isNewUser: boolean
  cookies: Cookie[]
  /** With config.twoFactor: the JWT's two-factor claim. */
  twoFactorEnabled?: boolean
  /** Where to go, when already resolved (the two-factor step stores it with the pending state). */
  callbackUrl?: string
}

/** Session creation (JWT cookie or database row), the signIn event and the redirect to the callbackUrl. */
export async function issueSession(ctx: RequestContext, grant: SessionGrant): Promise<ResponseInternal> {
  const { options } = ctx
  const { user, account, isNewUser, cookies } = grant
  const input = { profile: grant.profile }
  if (options.session.strategy === 'jwt') {
    const sub = options.adapter && user.id ? String(user.id) : await subjectFor(user, account)
    let token: JWT = { name: user.name ?? null, email: user.email ?? null, picture: user.image ?? null, sub }
    const provider = ctx.provider
    if (account && provider && (provider.type === 'oauth' || provider.type === 'oidc')) {
      token = { ...token, ...refreshableTokenFields(provider as OAuthConfig, account) }
    }
    const result = await options.callbacks.jwt({
      token,
      user,
      account,
      profile: input.profile,
      trigger: isNewUser ? 'signUp' : 'signIn',
      isNewUser,
    })
    // With an adapter, `sub` is the adapter's user id: stamp the user's session version (sign out everywhere).
    const version = options.adapter && result && result.sub === sub ? await sessionVersionClaim(ctx, sub) : {}
    const twoFactor = grant.twoFactorEnabled === undefined ? {} : { [TWO_FACTOR_CLAIM]: grant.twoFactorEnabled }
    cookies.push(...(result === null ? clearSession(ctx) : await writeJwtSession(ctx, { ...result, ...version, ...twoFactor, ...authTimeClaim(ctx) })))
  } else {
    if (!user.id) throw new Configuration('The database session strategy needs a user id; the credentials authorize() must return { id }')
    // A new sign-in in this browser replaces its previous session row (no orphans, no fixation).
    const previous = dbSessionToken(ctx)
    if (previous) await deleteDbSession(ctx, previous)
    const { cookie, session } = await createDbSession(ctx, String(user.id))
    cookies.push(cookie, await authTimeCookie(ctx, session.sessionToken ?? cookie.value, new Date(session.expires)))
  }

  await emit(ctx, 'signIn', { user, account, profile: input.profile, isNewUser })
  const url = grant.callbackUrl ?? (await resolveCallbackUrl(ctx)).url
  const target = isNewUser && options.pages.newUser ? await applyRedirectCallback(ctx, options.pages.newUser) : url
  if (ctx.jar.has(ctx.cookies.callbackUrl.name)) {
    cookies.push(expireCookie(ctx.cookies.callbackUrl.name, ctx.cookies.callbackUrl.options))
  }
  return redirectTo(ctx, target, cookies)
}

/**
 * Credentials with database sessions (Auth.js refuses this; Latch creates the row): the id `authorize()`
 * returned must be a user the adapter knows, or the session row would point nowhere.
 */
async function assertAdapterUser(ctx: RequestContext, user: User): Promise<void> {
  const adapter = ctx.options.adapter!
  if (!user.id) throw new Configuration('The database session strategy needs a user id; the credentials authorize() must return { id }')
  if (!adapter.getUser) return
  const found = await adapterCall('getUser', () => adapter.getUser!(String(user.id)))
  if (!found) throw new Configuration('authorize() returned a user id the adapter does not know; with database sessions return the adapter user')
}
