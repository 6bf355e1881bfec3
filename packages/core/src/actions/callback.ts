import '../session-path.js' // one edge chunk for the session path (session-path.ts)
import type { RequestContext, ResponseInternal } from '../context.js'
import type { CredentialsConfig, OAuthConfig } from '../providers/types.js'
import type { Account } from '../types.js'
import { CredentialsSignin, InvalidProvider, isAuthError } from '../errors.js'
import { oauthCallback } from '../oauth/callback.js'
import { clearChecks } from '../oauth/checks.js'
import { completeSignIn } from './complete-signin.js'
import { verifyCsrf } from './csrf.js'
import { emailCallback, emailConfirm } from './email-callback.js'
import { rateLimit, rateLimitedResponse } from '../rate-limit/limit.js'
import { credentialsKeys } from '../rate-limit/credentials-key.js'
import { credentialsInput } from './credentials-input.js'
import { clearLinkIntent, hasLinkIntent } from '../account/link-intent.js'

/** GET/POST /callback/:provider */
export async function callbackAction(ctx: RequestContext): Promise<ResponseInternal> {
  const provider = ctx.provider
  if (!provider) throw new InvalidProvider('The callback URL names no provider')
  switch (provider.type) {
    case 'oauth':
    case 'oidc': {
      // The stable deployment of a redirect proxy sends other deployments' callbacks on (redirect-proxy/).
      if (ctx.options.redirectProxy) {
        const forwarded = await (await import('../redirect-proxy/forward.js')).forwardCallback(ctx, provider as OAuthConfig)
        if (forwarded) return forwarded
      }
      // The check cookies are single-use: cleared on success (by oauthCallback) and on failure (here).
      ctx.cleanup = clearChecks(ctx)
      // Started from the account page (account/link.ts): link to the signed-in user, leave the session as it is.
      const intent = hasLinkIntent(ctx)
      if (intent) {
        const linked = await (await import('../account/link.js')).completeLink(ctx, provider as OAuthConfig, () => oauthCallback(ctx, provider as OAuthConfig))
        if (linked) return linked
      }
      const r = await oauthCallback(ctx, provider as OAuthConfig)
      const cookies = intent ? [...(r.cookies ?? []), ...clearLinkIntent(ctx)] : r.cookies
      return completeSignIn(ctx, { user: r.user, account: r.account, profile: r.profile, cookies })
    }
    case 'credentials':
      return credentialsCallback(ctx, provider as CredentialsConfig)
    case 'email':
      // GET shows the confirmation page (consumes nothing); its CSRF-checked POST signs in.
      return ctx.method === 'GET' ? emailConfirm(ctx, provider) : emailCallback(ctx, provider)
    case 'webauthn':
      return (await import('../passkeys/callback.js')).passkeyCallback(ctx, provider)
    case 'password':
      return (await import('../passwords/signin.js')).passwordSignin(ctx, provider)
    default:
      throw new InvalidProvider(`Provider type "${(provider as { type: string }).type}" has no callback`)
  }
}

async function credentialsCallback(ctx: RequestContext, provider: CredentialsConfig): Promise<ResponseInternal> {
  if (ctx.method !== 'POST') throw new CredentialsSignin('Credentials must be POSTed')
  await verifyCsrf(ctx)
  // Every field a single string (else 400), before the limiter or authorize() sees any of it.
  const credentials = credentialsInput(ctx.body)
  // Counted before authorize() runs: a guessing attacker pays for every attempt, right or wrong. The counter is
  // the account field the app declared, never one the client picked by adding a field.
  const rl = ctx.options.config.rateLimit
  const keys = rl === false ? undefined : credentialsKeys(provider, rl ?? {}, credentials)
  const limit = await rateLimit(ctx, 'credentials', keys?.counted)
  if (limit.retryAfter) return rateLimitedResponse(ctx, limit.retryAfter)
  let user
  try {
    user = await provider.authorize(credentials, ctx.request)
  } catch (e) {
    if (isAuthError(e)) throw e
    throw new CredentialsSignin('authorize() threw', { cause: e })
  }
  if (!user) throw new CredentialsSignin()
  const account: Account = {
    providerAccountId: user.id !== undefined && user.id !== null ? String(user.id) : '',
    type: 'credentials',
    provider: provider.id,
  }
  const res = await completeSignIn(ctx, { user, account, credentials })
  // Only the counter of the account that signed in is forgotten.
  await limit.succeeded(keys?.resetOnSuccess(user) ?? [])
  return res
}
