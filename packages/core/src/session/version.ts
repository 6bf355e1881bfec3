import type { RequestContext } from '../context.js'
import type { JWT } from '../tokens/jwt-types.js'
import { adapterCall } from './database-session.js'
import { cachedVersion } from './version-cache.js'
import { SESSION_VERSION_CLAIM } from './claims.js'

export { SESSION_VERSION_CLAIM }

/**
 * "Sign out everywhere" for JWT sessions: the adapter keeps a per-user counter (`getSessionVersion` /
 * `bumpSessionVersion`); each JWT carries the counter it was issued under; a token whose counter is
 * behind the user's is no longer a session.
 */
function supported(ctx: RequestContext): boolean {
  return typeof ctx.options.adapter?.getSessionVersion === 'function'
}

/** The user's current session version (0 when the adapter has none for them). */
function currentVersion(ctx: RequestContext, userId: string): Promise<number> {
  return adapterCall('getSessionVersion', async () => Number(await ctx.options.adapter!.getSessionVersion!(userId)) || 0)
}

/** The same, through the short per-process cache (see version-cache.ts for the staleness bound). */
function checkedVersion(ctx: RequestContext, userId: string): Promise<number> {
  const { adapter, session, now } = ctx.options
  return cachedVersion(adapter!, userId, now(), session.versionCacheMaxAge, () => currentVersion(ctx, userId))
}

/** The claim to put into a new token for `userId`, or {} when the adapter keeps no versions. */
export async function sessionVersionClaim(ctx: RequestContext, userId: string | undefined): Promise<Record<string, number>> {
  if (!userId || !supported(ctx)) return {}
  return { [SESSION_VERSION_CLAIM]: await currentVersion(ctx, userId) }
}

/** Whether `token` was issued under the user's current session version (always true without versions). */
export async function sessionVersionValid(ctx: RequestContext, token: JWT): Promise<boolean> {
  if (!supported(ctx) || typeof token.sub !== 'string' || !token.sub) return true
  const carried = typeof token[SESSION_VERSION_CLAIM] === 'number' ? (token[SESSION_VERSION_CLAIM] as number) : 0
  return carried >= (await checkedVersion(ctx, token.sub))
}
