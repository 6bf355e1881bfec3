import type { RequestContext, ResponseInternal } from '../context.js'
import type { EmailConfig } from '../providers/types.js'
import type { VerificationToken } from '../adapters/types.js'
import { MissingAdapter, Verification } from '../errors.js'
import { adapterCall } from '../session/database-session.js'
import { str } from '../http/body.js'
import { resolveCallbackUrl } from '../http/redirect.js'
import { InvalidEmailAddress, normalizeEmail } from '../providers/email.js'
import { emailConfirmPage } from '../pages/other.js'
import { ensureCsrf, verifyCsrf } from './csrf.js'
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

/** The link's token and (normalised) address from the query (GET) or the confirmation form (POST). */
function linkParams(ctx: RequestContext): { token: string; identifier: string } {
  const source = ctx.method === 'POST' ? (ctx.body ?? {}) : ctx.query
  const token = str(source.token)
  const raw = str(source.email)
  if (!token || !raw || token.length > 512 || raw.length > 320) throw new Verification('The sign-in link is missing its token or email')
  try {
    // Idempotent on the address the link was minted for; another spelling of it finds the same token.
    return { token, identifier: normalizeEmail(raw) }
  } catch (e) {
    if (e instanceof InvalidEmailAddress) throw new Verification('The sign-in link has an invalid email')
    throw e
  }
}

function needsAdapter(ctx: RequestContext, provider: EmailConfig) {
  const adapter = ctx.options.adapter
  if (!adapter?.useVerificationToken || !adapter.getUserByEmail) {
    throw new MissingAdapter(`The email provider "${provider.id}" needs an adapter with verification tokens`)
  }
  return adapter
}

/**
 * GET /callback/:emailProvider?token=&email= — the confirmation page. Consumes nothing and sets no session:
 * only the CSRF cookie the page's form needs (login CSRF through a link, mail scanners burning links).
 */
export async function emailConfirm(ctx: RequestContext, provider: EmailConfig): Promise<ResponseInternal> {
  needsAdapter(ctx, provider)
  const { token, identifier } = linkParams(ctx)
  const { url: callbackUrl } = await resolveCallbackUrl(ctx)
  const csrf = await ensureCsrf(ctx)
  const action = `${ctx.authUrl}/callback/${encodeURIComponent(provider.id)}`
  const rendered = emailConfirmPage({ action, csrfToken: csrf.token, token, email: identifier, callbackUrl, theme: ctx.options.theme })
  return { status: 200, body: rendered.body, headers: rendered.headers, cookies: csrf.cookie ? [csrf.cookie] : [] }
}

/** POST /callback/:emailProvider (token, email, csrfToken) — consume the verification token and sign in. */
export async function emailCallback(ctx: RequestContext, provider: EmailConfig): Promise<ResponseInternal> {
  const adapter = needsAdapter(ctx, provider)
  if (ctx.method !== 'POST') throw new Verification('A sign-in link is completed by POSTing its confirmation form')
  await verifyCsrf(ctx)
  const { token, identifier } = linkParams(ctx)
  const used = await consume(ctx, provider, identifier, token)
  if (!used) throw new Verification('The sign-in link is invalid or was already used')
  if (new Date(used.expires).getTime() <= ctx.options.now() * 1000) throw new Verification('The sign-in link has expired')

  const { user, account } = await emailUser(adapter, provider, identifier)
  return completeSignIn(ctx, { user, account, email: { verificationRequest: false } })
}
