import type { RequestContext } from '../context.js'
import type { StoredAccount } from '../adapters/types.js'
import { adapterCall } from '../session/database-session.js'
import { InvalidRequest, MissingAdapter } from '../errors.js'

/**
 * The ways a user can still sign in, so that removing one (unlink an account, remove a passkey or the password)
 * never locks them out. Each kind is counted only when the adapter can answer for it:
 * - linked OAuth/OIDC accounts (`listAccounts`),
 * - a password (`getPasswordHash`) when a password provider is configured,
 * - passkeys (`listAuthenticatorsByUserId`) when a passkey provider is configured,
 * - a magic link to a verified address when an e-mail provider is configured.
 */
export interface SignInMethods {
  accounts: StoredAccount[]
  password: boolean
  passkeys: number
  email: boolean
}

/** What would be removed; the rest is counted. */
export type Removal = { account: { provider: string; providerAccountId: string } } | { password: true } | { passkey: string }

export async function signInMethods(ctx: RequestContext, userId: string): Promise<SignInMethods> {
  const adapter = ctx.options.adapter
  if (!adapter) throw new MissingAdapter('Account management needs an adapter')
  const has = (type: string) => ctx.options.providers.some((p) => p.type === type)
  const [accounts, hash, passkeys, user] = await Promise.all([
    adapter.listAccounts ? adapterCall('listAccounts', () => adapter.listAccounts!(userId)) : [],
    has('password') && adapter.getPasswordHash ? adapterCall('getPasswordHash', () => adapter.getPasswordHash!(userId)) : null,
    has('webauthn') && adapter.listAuthenticatorsByUserId ? adapterCall('listAuthenticatorsByUserId', () => adapter.listAuthenticatorsByUserId!(userId)) : [],
    has('email') && adapter.getUser ? adapterCall('getUser', () => adapter.getUser!(userId)) : null,
  ])
  return {
    accounts: accounts.filter((a) => a.type === 'oauth' || a.type === 'oidc'),
    password: typeof hash === 'string' && hash.length > 0,
    passkeys: passkeys.length,
    email: Boolean(user?.email && user.emailVerified),
  }
}

/** How many ways are left after `removal`. */
export function remainingAfter(methods: SignInMethods, removal: Removal): number {
  let accounts = methods.accounts.length
  let passkeys = methods.passkeys
  let password = methods.password ? 1 : 0
  if ('account' in removal) {
    const { provider, providerAccountId } = removal.account
    if (methods.accounts.some((a) => a.provider === provider && a.providerAccountId === providerAccountId)) accounts--
  } else if ('password' in removal) password = 0
  else passkeys = Math.max(0, passkeys - 1)
  return accounts + passkeys + password + (methods.email ? 1 : 0)
}

/** Refuse (400) a removal that would leave the user no way to sign in. */
export async function assertKeepsASignInMethod(ctx: RequestContext, userId: string, removal: Removal): Promise<void> {
  if (remainingAfter(await signInMethods(ctx, userId), removal) < 1) {
    // An adapter without listAccounts (Auth.js's own) cannot say which other accounts are linked: say so.
    if (!ctx.options.adapter?.listAccounts) {
      throw new InvalidRequest('No other way to sign in is known for this account (this app\'s adapter has no listAccounts, so linked accounts are not counted); add a passkey, password or verified e-mail first')
    }
    throw new InvalidRequest('This is the only way left to sign in to this account; add another first')
  }
}
