import type { RequestContext } from '../context.js'
import type { Adapter, AdapterUser } from '../adapters/types.js'
import { MissingAdapter, SessionRequired } from '../errors.js'
import { adapterCall } from '../session/database-session.js'
import { requireRecentSignIn, requireSignedIn, type SignedIn } from '../session/signed-in.js'

export function accountAdapter(ctx: RequestContext): Adapter {
  const adapter = ctx.options.adapter
  if (!adapter?.getUser) throw new MissingAdapter('Account management needs config.adapter (with getUser)')
  return adapter
}

/**
 * The signed-in user and their adapter row. `recent`: the sign-in must be at most `session.freshAge` old
 * (SessionNotFresh otherwise). A session whose user no longer exists (deleted elsewhere) is no session.
 */
export async function accountUser(ctx: RequestContext, recent: boolean): Promise<{ who: SignedIn; user: AdapterUser }> {
  const adapter = accountAdapter(ctx)
  const who = recent ? await requireRecentSignIn(ctx) : await requireSignedIn(ctx)
  const user = who.user ?? ((await adapterCall('getUser', () => adapter.getUser!(who.userId))) as AdapterUser | null)
  if (!user) throw new SessionRequired('The signed-in user no longer exists')
  return { who, user }
}
