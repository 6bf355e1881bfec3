import '../session-path.js' // one edge chunk for the session path (session-path.ts)
import type { RequestContext, ResponseInternal } from '../context.js'
import type { PasswordConfig } from './types.js'
import { CredentialsSignin, EmailNotVerified } from '../errors.js'
import { adapterCall } from '../session/database-session.js'
import { rateLimitedResponse } from '../rate-limit/limit.js'
import { identifierKey } from '../rate-limit/limit.js'
import { mailboxKey } from '../rate-limit/mailbox-key.js'
import { verifyCsrf } from '../actions/csrf.js'
import { completeSignIn } from '../actions/complete-signin.js'
import { addressOf, field, limitPassword, makeHash, needsRehash, passwordAdapter, tooLong, verifyStored } from './settings.js'
import { sendLink } from './tokens.js'
import { run } from './respond.js'

/**
 * POST /callback/:password (email, password, CSRF). Counted per address and per client before any hashing. An
 * unknown address, a user without a password and a wrong password take the same path (one hash verification,
 * against a dummy of the same cost when there is no hash) and the same answer: CredentialsSignin. A right password
 * on an unverified address re-sends the verification link (within the mail budget) and refuses: EmailNotVerified.
 * Success goes through completeSignIn (signIn callback, JWT or database session, events); a hash that is not
 * scrypt at the configured cost is replaced.
 */
export async function passwordSignin(ctx: RequestContext, provider: PasswordConfig): Promise<ResponseInternal> {
  return run(ctx, async () => {
    if (ctx.method !== 'POST') throw new CredentialsSignin('Passwords must be POSTed')
    await verifyCsrf(ctx)
    const adapter = passwordAdapter(ctx)
    const email = addressOf(ctx, provider)
    const password = field(ctx, 'password')
    const limit = await limitPassword(ctx, provider, 'password', email ? identifierKey(email) : null)
    if (limit.retryAfter) return rateLimitedResponse(ctx, limit.retryAfter)
    // Refused before hashing: a huge password costs nothing; a missing one is simply wrong.
    if (!email || !password || tooLong(provider, password)) throw new CredentialsSignin()

    const user = await adapterCall('getUserByEmail', () => adapter.getUserByEmail(email))
    const stored = user ? await adapterCall('getPasswordHash', () => adapter.getPasswordHash(user.id)) : null
    // Always one verification: against a dummy hash of the same cost when there is no user or no password.
    const valid = await verifyStored(provider, password, stored)
    if (!user || !valid) throw new CredentialsSignin()

    if (provider.requireEmailVerification !== false && !user.emailVerified) {
      const budget = await limitPassword(ctx, provider, 'password-mail', mailboxKey(email))
      if (!budget.retryAfter) await sendLink(ctx, provider, adapter, { purpose: 'verify-email', kind: 'verify-email', email, passwordHash: stored })
      throw new EmailNotVerified()
    }
    if (needsRehash(provider, stored!)) {
      // Upgrade in place (bcrypt → scrypt, or a raised cost). A failure here must not fail the sign-in.
      try {
        await adapter.setPasswordHash(user.id, await makeHash(provider, password))
      } catch (e) {
        ctx.options.logger.error(new Error('password: rehashing failed; the old hash stays', { cause: e }))
      }
    }
    const res = await completeSignIn(ctx, {
      user,
      account: { type: 'credentials', provider: provider.id, providerAccountId: user.id, userId: user.id },
      credentials: { email },
    })
    await limit.succeeded([identifierKey(email)])
    return res
  })
}
