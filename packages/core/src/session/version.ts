import '../session-path.js' // one edge chunk for the session path (session-path.ts)
import type { RequestContext } from '../context.js'
import type { JWT } from '../tokens/jwt-types.js'
import { adapterCall } from './database-session.js'
import { cachedVersion } from './version-cache.js'
import { ADAPTER_USER_CLAIM, SESSION_VERSION_CLAIM } from './claims.js'

export { SESSION_VERSION_CLAIM }

/**
 * How far a token's version may be ahead of the one this process read: only as many bumps as the version cache
 * can miss (session.versionCacheMaxAge, 5 s). A token further ahead was issued to another user with the same id:
 * the Latch adapters start each new user's version at a random value below 2^30 (see docs/concepts/adapters.md),
 * so a JWT of a deleted user is no session of a new user who gets the same id back (actions/signup-id.ts).
 */
const MAX_AHEAD = 1000

/**
 * "Sign out everywhere" for JWT sessions: the adapter keeps a per-user counter (`getSessionVersion` /
 * `bumpSessionVersion`); each JWT carries the counter it was issued under; a token whose counter is
 * behind the user's is no longer a session, and so is a token of a user the adapter no longer has (deleted).
 */
function supported(ctx: RequestContext): boolean {
  return typeof ctx.options.adapter?.getSessionVersion === 'function'
}

/** The user's current session version (0 when the adapter keeps none for them; null when it has no such user). */
function currentVersion(ctx: RequestContext, userId: string): Promise<number | null> {
  return adapterCall('getSessionVersion', async () => {
    const v = await ctx.options.adapter!.getSessionVersion!(userId)
    return v === null ? null : Number(v) || 0
  })
}

/** The same, through the short per-process cache (see version-cache.ts for the staleness bound). */
function checkedVersion(ctx: RequestContext, userId: string): Promise<number | null> {
  const { adapter, session, now } = ctx.options
  return cachedVersion(adapter!, userId, now(), session.versionCacheMaxAge, () => currentVersion(ctx, userId))
}

/** The claim to put into a new token for `userId`, or {} when the adapter keeps no versions. */
export async function sessionVersionClaim(ctx: RequestContext, userId: string | undefined): Promise<Record<string, number>> {
  if (!userId || !supported(ctx)) return {}
  const version = await currentVersion(ctx, userId)
  // A user the adapter does not have (credentials returning the app's own ids): no claim, as without versions.
  return version === null ? {} : { [SESSION_VERSION_CLAIM]: version, [ADAPTER_USER_CLAIM]: 1 }
}

/** Whether `token` was issued under the user's current session version (always true without versions). */
export async function sessionVersionValid(ctx: RequestContext, token: JWT): Promise<boolean> {
  if (!supported(ctx) || typeof token.sub !== 'string' || !token.sub) return true
  const carried = typeof token[SESSION_VERSION_CLAIM] === 'number' ? (token[SESSION_VERSION_CLAIM] as number) : 0
  const current = await checkedVersion(ctx, token.sub)
  // No such user: a token issued to one the adapter had (the account was deleted since) is no session.
  if (current === null) return token[ADAPTER_USER_CLAIM] !== 1
  return carried >= current && carried - current <= MAX_AHEAD
}
