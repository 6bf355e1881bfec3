import type { RequestContext, ResponseInternal } from '../context.js'
import type { EmailConfig } from '../providers/types.js'
import { EmailSignin, MissingAdapter } from '../errors.js'
import { adapterCall } from '../session/database-session.js'
import { InvalidEmailAddress, normalizeEmail } from '../providers/email.js'
import { pageUrl, redirectTo, resolveCallbackUrl } from '../http/redirect.js'
import { rateLimit, rateLimitedResponse } from '../rate-limit/limit.js'
import { mailboxKey } from '../rate-limit/mailbox-key.js'
import { checkSignIn } from './complete-signin.js'
import { emailUser, hashVerificationToken, randomVerificationToken, verificationSecrets } from './verification-token.js'

const DEFAULT_MAX_AGE = 24 * 60 * 60

/** The normalised address, or null. A custom `normalizeIdentifier` runs first; the safety rules always apply. */
function identifierOf(ctx: RequestContext, provider: EmailConfig): string | null {
  const raw = ctx.body?.email
  if (typeof raw !== 'string') return null
  try {
    const custom = provider.normalizeIdentifier ? provider.normalizeIdentifier(raw) : raw
    return normalizeEmail(custom)
  } catch (e) {
    ctx.options.logger.debug('email: address refused', { reason: e instanceof InvalidEmailAddress ? e.message : 'normalizeIdentifier threw' })
    return null
  }
}

/** POST /signin/:emailProvider — normalize the address, store a hashed token, send the magic link. */
export async function emailSignin(ctx: RequestContext, provider: EmailConfig): Promise<ResponseInternal> {
  const adapter = ctx.options.adapter
  if (!adapter?.createVerificationToken || !adapter.useVerificationToken || !adapter.getUserByEmail) {
    throw new MissingAdapter(`The email provider "${provider.id}" needs an adapter with verification tokens (createVerificationToken, useVerificationToken, getUserByEmail)`)
  }
  const identifier = identifierOf(ctx, provider)
  // One send budget per mailbox (however it is spelled) and one per client address.
  const limit = await rateLimit(ctx, 'email', identifier ? mailboxKey(identifier) : null)
  if (limit.retryAfter) return rateLimitedResponse(ctx, limit.retryAfter)
  if (!identifier) throw new EmailSignin('The email address is missing or invalid')

  const { user, account } = await emailUser(adapter, provider, identifier)
  const override = await checkSignIn(ctx, { user, account, email: { verificationRequest: true } })
  if (override) return redirectTo(ctx, override)

  const token = provider.generateVerificationToken ? String(await provider.generateVerificationToken()) : randomVerificationToken()
  if (token.length < 16 || token.length > 512) throw new EmailSignin('generateVerificationToken must return 16 to 512 characters')
  const maxAge = typeof provider.maxAge === 'number' && provider.maxAge > 0 ? provider.maxAge : DEFAULT_MAX_AGE
  const expires = new Date((ctx.options.now() + maxAge) * 1000)
  const [secret] = verificationSecrets(ctx, provider)
  await adapterCall('createVerificationToken', async () =>
    adapter.createVerificationToken!({ identifier, token: await hashVerificationToken(token, secret!), expires }),
  )

  // Built from the configured/trusted auth URL, never from the Host of this request.
  const { url: callbackUrl } = await resolveCallbackUrl(ctx)
  const link = new URL(`${ctx.authUrl}/callback/${encodeURIComponent(provider.id)}`)
  link.search = new URLSearchParams({ callbackUrl, token, email: identifier }).toString()
  try {
    await provider.sendVerificationRequest({
      identifier,
      url: link.href,
      expires,
      provider,
      token,
      theme: ctx.options.theme,
      request: ctx.request,
    })
  } catch (e) {
    throw new EmailSignin(`Sending the sign-in email through "${provider.id}" failed`, { cause: e })
  }
  return redirectTo(ctx, pageUrl(ctx, 'verify-request', { provider: provider.id, type: 'email' }))
}
