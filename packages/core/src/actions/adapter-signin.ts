import type { RequestContext } from '../context.js'
import type { Adapter, AdapterAccount, AdapterUser } from '../adapters/types.js'
import type { OAuthConfig } from '../providers/types.js'
import type { Account, Profile, User } from '../types.js'
import { AdapterError, AuthError, MissingAdapter, OAuthAccountNotLinked } from '../errors.js'
import { isUnfinishedSignUp, signUpId } from './signup-id.js'
import { storeError } from '../store/outage.js'
import { readJwtSession } from '../session/jwt-session.js'
import { readDbSession } from '../session/database-session.js'
import { emit } from './events.js'
import { oauthEmailKey } from '../providers/email.js'

export interface AdapterSignInResult {
  user: AdapterUser
  account: Account | null
  isNewUser: boolean
}

type Method = keyof Adapter

/** Call an adapter method, turning a missing method or a throw into an AdapterError that names it. */
async function call<M extends Method>(adapter: Adapter, method: M, ...args: Parameters<NonNullable<Adapter[M]>>): Promise<Awaited<ReturnType<NonNullable<Adapter[M]>>>> {
  const fn = adapter[method] as ((...a: unknown[]) => unknown) | undefined
  if (typeof fn !== 'function') throw new MissingAdapter(`The adapter has no ${method}()`)
  try {
    return (await fn.apply(adapter, args)) as Awaited<ReturnType<NonNullable<Adapter[M]>>>
  } catch (e) {
    if (e instanceof AuthError) throw e
    throw storeError(`adapter.${method} failed`, e)
  }
}

/** The user this request is already signed in as (JWT `sub` or database session), or null. */
async function currentUser(ctx: RequestContext, adapter: Adapter): Promise<{ user: AdapterUser } | null> {
  if (ctx.options.session.strategy === 'database') {
    const found = await readDbSession(ctx).catch(() => null)
    return found ? { user: found.user } : null
  }
  const found = await readJwtSession(ctx)
  const sub = found?.token.sub
  if (typeof sub !== 'string' || !sub || typeof adapter.getUser !== 'function') return null
  try {
    // A `sub` the adapter cannot even parse (e.g. a UUID against serial ids) is simply nobody.
    const user = await adapter.getUser(sub)
    return user ? { user } : null
  } catch (e) {
    ctx.options.logger.debug('adapter sign-in: the current JWT names no readable user', { error: (e as Error)?.name })
    return null
  }
}

/** The user fields an adapter stores, without the provider's id (the adapter's own id is used). */
function newUserFrom(user: User, email: string | null, emailVerified: Date | null, id: string = crypto.randomUUID()): AdapterUser {
  const { id: _ignored, ...rest } = user
  return { ...rest, id, email: email as string, emailVerified }
}

/**
 * Pre-account takeover defence. A user whose address nobody proved (created from an OAuth address its provider
 * did not affirm) is never adopted by a later proof of that address: the address is detached from it (it keeps
 * its own accounts and sessions, which the proof says nothing about) and the prover gets a fresh user.
 * Returns the user to adopt, or null to create one.
 */
export async function provenHolder(ctx: RequestContext, adapter: Adapter, holder: AdapterUser | null): Promise<AdapterUser | null> {
  if (!holder || holder.emailVerified) return holder
  const detached = await call(adapter, 'updateUser', { id: holder.id, email: null as unknown as string })
  await emit(ctx, 'updateUser', { user: detached })
  ctx.options.logger.warn('UnprovenEmailDetached', `A proven sign-in took over an address that user ${holder.id} had never proven; the address was removed from that user`)
  return null
}

function toAdapterAccount(account: Account, userId: string): AdapterAccount {
  return { ...account, userId } as AdapterAccount
}

/**
 * With an adapter: find or create the user, link the account (Auth.js rules: OAuthAccountNotLinked unless
 * signed in or allowDangerousEmailAccountLinking, never into an unverified email), emit createUser/linkAccount.
 */
export async function adapterSignIn(
  ctx: RequestContext,
  params: { user: User; account: Account | null; profile?: Profile },
): Promise<AdapterSignInResult> {
  const adapter = ctx.options.adapter
  if (!adapter) throw new MissingAdapter('Signing in with an adapter needs config.adapter')
  const { account, profile } = params
  if (!account) throw new AdapterError('Sign-in reached the adapter without an account')
  const current = await currentUser(ctx, adapter)
  const email = account.type === 'email' ? (typeof params.user.email === 'string' && params.user.email ? params.user.email : null) : oauthEmailKey(params.user.email)
  // Set only by a provider's profile() when the identity provider affirmed the address (see mapUser).
  const affirmed = params.user.emailVerified instanceof Date ? params.user.emailVerified : null

  if (account.type === 'email') {
    if (!email) throw new AdapterError('An email sign-in has no address')
    // Clicking the link proves the address: an unproven holder of it is not adopted.
    const byEmail = await provenHolder(ctx, adapter, await call(adapter, 'getUserByEmail', email))
    let user: AdapterUser
    let isNewUser = false
    if (byEmail) {
      // Clicking the link proves the address: mark it verified.
      user = await call(adapter, 'updateUser', { id: byEmail.id, emailVerified: new Date(ctx.options.now() * 1000) })
      await emit(ctx, 'updateUser', { user })
    } else {
      user = await call(adapter, 'createUser', newUserFrom(params.user, email, new Date(ctx.options.now() * 1000)))
      await emit(ctx, 'createUser', { user })
      isNewUser = true
    }
    return { user, account: { ...account, userId: user.id }, isNewUser }
  }

  const byAccount = await call(adapter, 'getUserByAccount', { provider: account.provider, providerAccountId: account.providerAccountId })
  if (byAccount) {
    if (current && current.user.id !== byAccount.id) {
      throw new OAuthAccountNotLinked(`The ${account.provider} account is already linked to another user`)
    }
    return { user: byAccount, account: { ...account, userId: byAccount.id }, isNewUser: false }
  }

  // A new account for this provider.
  if (current) {
    // Signed in: the user is adding a sign-in method to their own account.
    const linked = toAdapterAccount(account, current.user.id)
    await call(adapter, 'linkAccount', linked)
    await emit(ctx, 'linkAccount', { user: current.user, account: linked, profile: profile ?? params.user })
    return { user: current.user, account: linked, isNewUser: false }
  }

  let byEmail = email ? await call(adapter, 'getUserByEmail', email) : null
  const secret = ctx.options.secret[0]!
  const now = ctx.options.now()
  if (byEmail && (await isUnfinishedSignUp(adapter, secret, account, byEmail, now))) {
    // This very account's earlier sign-up created the user and died before linking (signup-id.ts): finish it.
    const linked = toAdapterAccount(account, byEmail.id)
    await call(adapter, 'linkAccount', linked)
    await emit(ctx, 'linkAccount', { user: byEmail, account: linked, profile: profile ?? params.user })
    return { user: byEmail, account: linked, isNewUser: true }
  }
  // An address the provider affirms is a proof: it evicts an unproven holder instead of colliding with it.
  if (affirmed) byEmail = await provenHolder(ctx, adapter, byEmail)
  if (byEmail) {
    const provider = ctx.provider as OAuthConfig | undefined
    // Only with the provider's explicit opt-in, never into a user whose address nobody has proven, and only
    // when this provider affirms the address (profile().emailVerified; `email_verified === true` by default).
    if (!provider?.allowDangerousEmailAccountLinking || !byEmail.emailVerified || !affirmed) {
      throw new OAuthAccountNotLinked(`Another sign-in method already uses this email; sign in with it first, then link ${account.provider}`)
    }
    const linked = toAdapterAccount(account, byEmail.id)
    await call(adapter, 'linkAccount', linked)
    await emit(ctx, 'linkAccount', { user: byEmail, account: linked, profile: profile ?? params.user })
    return { user: byEmail, account: linked, isNewUser: false }
  }

  const user = await call(adapter, 'createUser', newUserFrom(params.user, email, affirmed, await signUpId(adapter, secret, account, now)))
  await emit(ctx, 'createUser', { user })
  const linked = toAdapterAccount(account, user.id)
  await call(adapter, 'linkAccount', linked)
  await emit(ctx, 'linkAccount', { user, account: linked, profile: profile ?? params.user })
  return { user, account: linked, isNewUser: true }
}
