import type { RequestContext } from '../context.js'
import type { AdapterUser } from '../adapters/types.js'
import type { Account, Profile, User } from '../types.js'
import { MissingAdapter } from '../errors.js'

export interface AdapterSignInResult {
  user: AdapterUser
  account: Account | null
  isNewUser: boolean
}

/**
 * With an adapter: find or create the user, link the account (Auth.js rules: OAuthAccountNotLinked unless
 * signed in or allowDangerousEmailAccountLinking, never into an unverified email), emit createUser/linkAccount.
 */
export async function adapterSignIn(
  ctx: RequestContext,
  params: { user: User; account: Account | null; profile?: Profile },
): Promise<AdapterSignInResult> {
  void ctx
  void params
  throw new MissingAdapter('Adapter sign-in is not implemented yet')
}
