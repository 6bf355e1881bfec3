import type { RequestContext } from '../context.js'
import type { JWT } from '../tokens/jwt-types.js'
import { AdapterError } from '../errors.js'

/**
 * "Sign out everywhere" for JWT sessions: the adapter keeps a per-user counter (`getSessionVersion` /
 * `bumpSessionVersion`); each JWT carries the counter it was issued under; a token whose counter is
 * behind the user's is no longer a session.
 */
export const SESSION_VERSION_CLAIM = 'sv'

function supported(ctx: RequestContext): boolean {
  return typeof ctx.options.adapter?.getSessionVersion === 'function'
}

/** The claim to put into a new token for `userId`, or {} when the adapter keeps no versions. */
export async function sessionVersionClaim(ctx: RequestContext, userId: string | undefined): Promise<Record<string, number>> {
  if (!userId || !supported(ctx)) return {}
  try {
    const v = await ctx.options.adapter!.getSessionVersion!(userId)
    return { [SESSION_VERSION_CLAIM]: Number(v) || 0 }
  } catch (e) {
    throw new AdapterError('adapter.getSessionVersion failed', { cause: e })
  }
}

/** Whether `token` was issued under the user's current session version (always true without versions). */
export async function sessionVersionValid(ctx: RequestContext, token: JWT): Promise<boolean> {
  if (!supported(ctx) || typeof token.sub !== 'string' || !token.sub) return true
  const carried = typeof token[SESSION_VERSION_CLAIM] === 'number' ? (token[SESSION_VERSION_CLAIM] as number) : 0
  let current: number
  try {
    current = Number(await ctx.options.adapter!.getSessionVersion!(token.sub)) || 0
  } catch (e) {
    throw new AdapterError('adapter.getSessionVersion failed', { cause: e })
  }
  return carried >= current
}
