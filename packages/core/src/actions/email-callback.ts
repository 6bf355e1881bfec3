import type { RequestContext, ResponseInternal } from '../context.js'
import type { EmailConfig } from '../providers/types.js'
import type { VerificationToken } from '../adapters/types.js'
import { MissingAdapter, Verification } from '../errors.js'
import { adapterCall } from '../session/database-session.js'
import { str } from '../http/body.js'
import { completeSignIn } from './complete-signin.js'
import { emailUser, hashVerificationToken, verificationSecrets } from './verification-token.js'

/**
 * Consume the token atomically (`useVerificationToken` deletes and returns in one step), matched on the
 * identifier AND the hashed token. Tries each secret of a rotation; at most one can match.
 */
async function consume(ctx: RequestContext, provider: EmailConfig, identifier: string, token: string): Promise<VerificationToken | null> {
  const adapter = ctx.options.adapter!
  for (const secret of verificationSecrets(ctx, provider)) {
    const hashed = await hashVerificationToken(token, secret)
    const used = await adapterCall('useVerificationToken', () => adapter.useVerificationToken!({ identifier, token: hashed }))
    // Defence in depth against an adapter that matches on the token alone.
    if (used && used.identifier === identifier && used.token === hashed) return used
  }
  return null
}

/** GET /callback/:emailProvider?token=&email= — consume the verification token and sign in. */
export async function emailCallback(ctx: RequestContext, provider: EmailConfig): Promise<ResponseInternal> {
  const adapter = ctx.options.adapter
  if (!adapter?.useVerificationToken || !adapter.getUserByEmail) {
    throw new MissingAdapter(`The email provider "${provider.id}" needs an adapter with verification tokens`)
  }
  const source = ctx.method === 'POST' && ctx.body ? ctx.body : ctx.query
  const token = str(source.token)
  const identifier = str(source.email)
  if (!token || !identifier || token.length > 512 || identifier.length > 320) {
    throw new Verification('The sign-in link is missing its token or email')
  }
  const used = await consume(ctx, provider, identifier, token)
  if (!used) throw new Verification('The sign-in link is invalid or was already used')
  if (new Date(used.expires).getTime() <= ctx.options.now() * 1000) throw new Verification('The sign-in link has expired')

  const { user, account } = await emailUser(adapter, provider, identifier)
  return completeSignIn(ctx, { user, account, email: { verificationRequest: false } })
}
