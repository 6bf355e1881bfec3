import type { RequestContext } from '../context.js'
import type { AdapterUser } from '../adapters/types.js'
import { adapterCall } from '../session/database-session.js'

/**
 * Whether the user of a database session has confirmed two-factor sign-in (`session.user.twoFactorEnabled`).
 * The Latch adapters say so with the session's user (`reportsTwoFactorEnabled`: the field is there when enrolled,
 * absent otherwise), at no extra cost. Another adapter with the two-factor methods but without the field costs one
 * `getTwoFactor` call per session check; an adapter without them: false.
 */
export async function twoFactorEnabledOf(ctx: RequestContext, user: AdapterUser): Promise<boolean> {
  if (typeof user.twoFactorEnabled === 'boolean') return user.twoFactorEnabled
  const adapter = ctx.options.adapter
  if (!adapter || typeof adapter.getTwoFactor !== 'function') return false
  if (typeof adapter.reportsTwoFactorEnabled === 'function' && (await adapter.reportsTwoFactorEnabled()) === true) return false
  const record = await adapterCall('getTwoFactor', () => adapter.getTwoFactor!(user.id))
  return !!record?.confirmedAt
}
