import '../session-path.js' // one edge chunk for the session path (session-path.ts)
import type { RequestContext, ResponseInternal } from '../context.js'
import { AccessDenied, InvalidProvider, InvalidRequest, Verification } from '../errors.js'
import { str } from '../http/body.js'
import { resolveCallbackUrl } from '../http/redirect.js'
import { ensureCsrf } from '../actions/csrf.js'
import { adapterCall } from '../session/database-session.js'
import { signedIn } from '../session/signed-in.js'
import { normalizeEmail } from '../providers/email.js'
import { html, layout } from '../pages/html.js'
import { isWebAuthn, type WebAuthnConfig } from './provider.js'
import { nonce, pageScript } from './page-script.js'
import { consumeSignUpLink, signUpAdapter, signUpMode } from './sign-up-mail.js'
import { registration } from './options-action.js'

function provider(ctx: RequestContext): WebAuthnConfig {
  const p = ctx.provider
  if (!isWebAuthn(p)) throw new InvalidProvider('passkey-sign-up needs a passkey (WebAuthn) provider')
  if (signUpMode(ctx, p) !== 'verify-email') throw new AccessDenied('Sign-up by mail is not enabled for this passkey provider')
  return p
}

/** The link's token and address (query on GET, form on POST), or InvalidRequest. */
function link(ctx: RequestContext): { token: string; email: string } {
  const source = ctx.method === 'POST' ? (ctx.body ?? {}) : ctx.query
  const token = str(source.token)
  const raw = str(source.email)
  let email: string | undefined
  try {
    email = raw && raw.length <= 320 ? normalizeEmail(raw) : undefined
  } catch {
    email = undefined
  }
  if (!token || token.length > 512 || !email) throw new InvalidRequest('The link is missing its token or address')
  return { token, email }
}

/**
 * GET {basePath}/passkey-sign-up/:provider?token=&email= — the page a sign-up mail links to. Consumes nothing (mail
 * scanners open links): its button POSTs the token (with CSRF) to get the registration options, then creates the
 * passkey and the account.
 */
export async function passkeySignUpPageAction(ctx: RequestContext): Promise<ResponseInternal> {
  const p = provider(ctx)
  const { token, email } = link(ctx)
  const csrf = await ensureCsrf(ctx)
  const { url: callbackUrl } = await resolveCallbackUrl(ctx)
  const here = `${ctx.authUrl}/passkey-sign-up/${encodeURIComponent(p.id)}`
  const script = pageScript({
    optionsUrl: `${ctx.authUrl}/webauthn-options/${p.id}`,
    callbackUrl: `${ctx.authUrl}/callback/${p.id}`,
    csrfToken: csrf.token,
    redirect: callbackUrl,
    conditional: false,
    errorUrl: here,
    signUpLink: { url: here, token, email },
  })
  const rendered = layout({
    title: 'Create your passkey',
    theme: ctx.options.theme,
    script: { nonce: nonce(), source: script },
    body: html`<h1>Create your passkey</h1><p>Your address <strong>${email}</strong> is confirmed. Create a passkey to finish setting up your account.</p>
<div class="error" id="latch-passkey-status" role="alert" hidden></div>
<form><button type="button" data-passkey="register">Create a passkey</button></form>`,
  })
  return { status: 200, headers: { ...rendered.headers, 'Cache-Control': 'private, no-store', 'Referrer-Policy': 'no-referrer' }, body: rendered.body, cookies: csrf.cookie ? [csrf.cookie] : [] }
}

/**
 * POST {basePath}/passkey-sign-up/:provider (token, email; CSRF checked by the dispatcher) — consume the link (once)
 * and answer the registration options for the proven address, bound to this browser by the challenge cookie.
 * The browser then POSTs the new credential to the passkey callback, which creates the account with the address
 * marked verified. A used, expired or forged link, or an address that has an account by now, is refused (the
 * error page, `Verification`).
 */
export async function passkeySignUpAction(ctx: RequestContext): Promise<ResponseInternal> {
  const p = provider(ctx)
  const { token, email } = link(ctx)
  if (await signedIn(ctx)) throw new InvalidRequest('Signed in: add a passkey from your account instead')
  if (!(await consumeSignUpLink(ctx, p, email, token))) throw new Verification('The sign-up link is invalid, expired or was already used')
  const adapter = signUpAdapter(ctx)
  if (await adapterCall('getUserByEmail', () => adapter.getUserByEmail(email))) throw new Verification('This address has an account by now: sign in instead')
  return registration(ctx, p, { email }, { user: { email }, proven: true })
}
