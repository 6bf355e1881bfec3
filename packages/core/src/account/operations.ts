import type { RequestContext } from '../context.js'
import type { AdapterUser } from '../adapters/types.js'
import { InvalidRequest, MissingAdapter } from '../errors.js'
import { adapterCall } from '../session/database-session.js'
import { forgetVersion, rememberVersion } from '../session/version-cache.js'
import { emit } from '../actions/events.js'
import { assertKeepsASignInMethod, signInMethods } from './sign-in-methods.js'

/**
 * What the account routes and the server helpers (api.ts) do to a user's account, given the user id. Only
 * `ctx.options` is read, so the server helpers call these with a context built from the config alone.
 */
type Ctx = Pick<RequestContext, 'options'>

/** A linked account as shown to its user: never its tokens. */
export interface LinkedAccount {
  provider: string
  providerAccountId: string
  type: string
  /** The provider's display name, when the provider is configured. */
  name?: string
}

export interface AccountOverview {
  user: { id: string; name: string | null; email: string | null; emailVerified: string | null; image: string | null }
  accounts: LinkedAccount[]
  /** Whether the user has a password (password provider configured) and how many passkeys. */
  password: boolean
  passkeys: number
  /** OAuth/OIDC providers this user could still link. */
  linkable: { id: string; name: string }[]
}

function adapterOf(ctx: Ctx) {
  const adapter = ctx.options.adapter
  if (!adapter?.getUser) throw new MissingAdapter('Account management needs config.adapter')
  return adapter
}

export async function linkedAccounts(ctx: Ctx, userId: string): Promise<LinkedAccount[]> {
  const methods = await signInMethods(ctx as RequestContext, userId)
  const names = new Map(ctx.options.providers.map((p) => [p.id, p.name]))
  return methods.accounts.map((a) => ({ provider: a.provider, providerAccountId: a.providerAccountId, type: a.type, ...(names.has(a.provider) ? { name: names.get(a.provider) } : {}) }))
}

export async function overview(ctx: Ctx, user: AdapterUser): Promise<AccountOverview> {
  const methods = await signInMethods(ctx as RequestContext, user.id)
  const names = new Map(ctx.options.providers.map((p) => [p.id, p.name]))
  const linked = new Set(methods.accounts.map((a) => a.provider))
  return {
    user: {
      id: user.id,
      name: user.name ?? null,
      email: user.email ?? null,
      emailVerified: user.emailVerified ? new Date(user.emailVerified).toISOString() : null,
      image: user.image ?? null,
    },
    accounts: methods.accounts.map((a) => ({ provider: a.provider, providerAccountId: a.providerAccountId, type: a.type, ...(names.has(a.provider) ? { name: names.get(a.provider) } : {}) })),
    password: methods.password,
    passkeys: methods.passkeys,
    linkable: ctx.options.providers.filter((p) => (p.type === 'oauth' || p.type === 'oidc') && !linked.has(p.id)).map((p) => ({ id: p.id, name: p.name })),
  }
}

/**
 * Unlink one of the user's OAuth/OIDC accounts. `providerAccountId` may be left out when the user has exactly one
 * account of that provider. Refused (400) when it is not theirs or is the last way they can sign in.
 */
export async function unlink(ctx: Ctx, userId: string, key: { provider: string; providerAccountId?: string }): Promise<LinkedAccount> {
  const adapter = adapterOf(ctx)
  if (!adapter.unlinkAccount) throw new MissingAdapter('Unlinking needs adapter.unlinkAccount')
  const mine = (await linkedAccounts(ctx, userId)).filter((a) => a.provider === key.provider && (key.providerAccountId === undefined || a.providerAccountId === key.providerAccountId))
  if (mine.length !== 1) {
    if (!adapter.listAccounts) throw new InvalidRequest("Unlinking needs adapter.listAccounts (this app's adapter cannot list linked accounts)")
    throw new InvalidRequest(mine.length ? 'Name the providerAccountId to unlink' : 'No such linked account')
  }
  const account = mine[0]!
  await assertKeepsASignInMethod(ctx as RequestContext, userId, { account })
  await adapterCall('unlinkAccount', () => adapter.unlinkAccount!({ provider: account.provider, providerAccountId: account.providerAccountId }))
  return account
}

/**
 * Delete the user and everything that signs in as them: sessions (database rows, and JWTs through the session
 * version where the adapter keeps one), passkeys, password, linked accounts, then the user (adapters that cascade
 * remove the rest). The `deleteUser` event fires with the user as it was.
 */
export async function deleteAccount(ctx: Ctx, userId: string): Promise<AdapterUser | null> {
  const adapter = adapterOf(ctx)
  if (!adapter.deleteUser) throw new MissingAdapter('Deleting accounts needs adapter.deleteUser')
  const user = (await adapterCall('getUser', () => adapter.getUser!(userId))) as AdapterUser | null
  if (!user) return null
  if (adapter.bumpSessionVersion) {
    const v = await adapterCall('bumpSessionVersion', () => adapter.bumpSessionVersion!(userId))
    rememberVersion(adapter, userId, Number(v), ctx.options.now())
  }
  if (adapter.deleteSessionsByUser) await adapterCall('deleteSessionsByUser', () => adapter.deleteSessionsByUser!(userId))
  else if (adapter.listSessions && adapter.deleteSession) {
    for (const s of await adapterCall('listSessions', () => adapter.listSessions!(userId))) await adapterCall('deleteSession', () => adapter.deleteSession!(s.sessionToken))
  }
  if (adapter.listAuthenticatorsByUserId && adapter.deleteAuthenticator) {
    for (const a of await adapterCall('listAuthenticatorsByUserId', () => adapter.listAuthenticatorsByUserId!(userId))) {
      await adapterCall('deleteAuthenticator', () => adapter.deleteAuthenticator!(a.credentialID))
    }
  }
  if (adapter.setPasswordHash) await adapterCall('setPasswordHash', () => adapter.setPasswordHash!(userId, null))
  if (adapter.listAccounts && adapter.unlinkAccount) {
    for (const a of await adapterCall('listAccounts', () => adapter.listAccounts!(userId))) {
      await adapterCall('unlinkAccount', () => adapter.unlinkAccount!({ provider: a.provider, providerAccountId: a.providerAccountId }))
    }
  }
  await adapterCall('deleteUser', () => adapter.deleteUser!(userId))
  // The next check here reads the adapter, which has no such user: that user's JWTs are no session (version.ts).
  forgetVersion(adapter, userId)
  await emit(ctx as RequestContext, 'deleteUser', { user })
  return user
}
