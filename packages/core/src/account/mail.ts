import type { RequestContext } from '../context.js'
import type { AccountEmail } from './types.js'
import type { EmailConfig } from '../providers/types.js'
import { Configuration, EmailSignin } from '../errors.js'
import { escapeHtml } from '../pages/html.js'
import { once } from '../diagnostics/once.js'

function frame(title: string, body: string): string {
  return `<body style="background:#f9f9f9;padding:20px;font-family:Helvetica,Arial,sans-serif"><table width="100%" cellspacing="0" cellpadding="0" style="max-width:600px;margin:auto;background:#fff;border-radius:10px;padding:20px"><tr><td style="font-size:20px;color:#444;padding:10px 0">${title}</td></tr><tr><td style="font-size:15px;color:#444">${body}</td></tr></table></body>`
}

/** The default verification message to the new address. The address itself is not repeated in the message. */
export function verifyNewEmailMessage(ctx: RequestContext, to: string, url: string, expires: Date): AccountEmail {
  const host = new URL(url).host
  return {
    kind: 'verify-new-email',
    to,
    url,
    expires,
    request: ctx.request,
    subject: `Confirm your new e-mail address for ${host}`,
    text: `Confirm this address as the new e-mail address of your account on ${host}:\n${url}\n\nIf you did not ask for this, ignore this message: nothing changes.\n`,
    html: frame(`Confirm your new e-mail address for <strong>${escapeHtml(host)}</strong>`, `<p><a href="${escapeHtml(url)}">Confirm this address</a></p><p>If you did not ask for this, ignore this message: nothing changes.</p>`),
  }
}

/** The default notice to the old address once the change has applied. The new address is not shown in it. */
export function emailChangedMessage(ctx: RequestContext, to: string, newEmail: string): AccountEmail {
  const host = ctx.origin.replace(/^https?:\/\//, '')
  return {
    kind: 'email-changed',
    to,
    newEmail,
    request: ctx.request,
    subject: `The e-mail address of your ${host} account was changed`,
    text: `The e-mail address of your account on ${host} was changed, and this address no longer signs in to it.\nIf you did not do this, contact the site at once.\n`,
    html: frame(`Your e-mail address on <strong>${escapeHtml(host)}</strong> was changed`, `<p>This address no longer signs in to your account. If you did not do this, contact the site at once.</p>`),
  }
}

function emailProvider(ctx: RequestContext): EmailConfig | undefined {
  return ctx.options.providers.find((p) => p.type === 'email') as EmailConfig | undefined
}

/** Whether the app can send the verification link at all (checked before anything is stored). */
export function canSendVerification(ctx: RequestContext): void {
  if (ctx.options.config.account?.sendEmail || emailProvider(ctx)) return
  throw new Configuration('Changing the e-mail address needs a sender: config.account.sendEmail or an e-mail provider')
}

/** Send one account e-mail through `account.sendEmail`, else (the verification link only) the e-mail provider. */
export async function sendAccountEmail(ctx: RequestContext, message: AccountEmail): Promise<void> {
  const send = ctx.options.config.account?.sendEmail
  try {
    if (send) return void (await send(message))
    const provider = emailProvider(ctx)
    if (message.kind === 'verify-new-email' && provider) {
      const token = new URL(message.url).searchParams.get('token') ?? ''
      return void (await provider.sendVerificationRequest({ identifier: message.to, url: message.url, expires: message.expires, provider, token, theme: ctx.options.theme, request: ctx.request }))
    }
  } catch (e) {
    throw new EmailSignin(`Sending the ${message.kind} e-mail failed`, { cause: e })
  }
  once('account-no-notice', () => ctx.options.logger.warn('AccountEmailNotSent', 'config.account.sendEmail is not set: the old address was not told about an e-mail change'))
}
