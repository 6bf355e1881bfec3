import type { Theme } from '../types.js'
import type { PasswordMailKind } from './types.js'
import { escapeHtml, safeColor } from '../pages/html.js'

const TEXT: Record<PasswordMailKind, { subject: string; lead: string; button: string; ignore: string }> = {
  'verify-email': {
    subject: 'Verify your email address for',
    lead: 'Confirm this address to finish creating your account on',
    button: 'Verify email address',
    ignore: 'If you did not create an account, ignore this email: nothing happens unless the link is used.',
  },
  'reset-password': {
    subject: 'Reset your password for',
    lead: 'Someone asked to reset the password of your account on',
    button: 'Choose a new password',
    ignore: 'If you did not ask for this, ignore this email: your password stays as it is.',
  },
  'account-exists': {
    subject: 'You already have an account on',
    lead: 'Someone tried to sign up with this address, which already has an account on',
    button: 'Set a new password',
    ignore: 'Nothing was changed. If it was you, sign in as usual or use the link to set a password. Otherwise ignore this email.',
  },
  'passkey-sign-up': {
    subject: 'Create your passkey for',
    lead: 'Open this link to create a passkey and finish creating your account on',
    button: 'Create a passkey',
    ignore: 'If you did not ask for this, ignore this email: no account is created unless the link is used.',
  },
  'passkey-account-exists': {
    subject: 'You already have an account on',
    lead: 'Someone tried to sign up with a passkey using this address, which already has an account on',
    button: 'Sign in',
    ignore: 'Nothing was changed. If it was you, sign in as usual; once signed in you can add a passkey. Otherwise ignore this email.',
  },
}

/**
 * The default content of each password mail, for your `sendVerificationRequest`. The recipient address is never
 * rendered: only the site host and the link.
 */
export function passwordEmail(params: { kind: PasswordMailKind; url: string; theme?: Theme }): { subject: string; text: string; html: string } {
  const { host } = new URL(params.url)
  const t = TEXT[params.kind]
  const brand = safeColor(params.theme?.brandColor, '#346df1')
  const buttonText = safeColor(params.theme?.buttonText, '#ffffff')
  const h = escapeHtml(host)
  const u = escapeHtml(params.url)
  return {
    subject: `${t.subject} ${host}`,
    text: `${t.lead} ${host}.\n${params.url}\n\n${t.ignore}\n`,
    html: `<body style="background:#f9f9f9;padding:20px;font-family:Helvetica,Arial,sans-serif">
<table width="100%" cellspacing="0" cellpadding="0" style="max-width:600px;margin:auto;background:#fff;border-radius:10px;padding:20px">
<tr><td align="center" style="font-size:18px;color:#444;padding:10px 0">${escapeHtml(t.lead)} <strong>${h}</strong>.</td></tr>
<tr><td align="center" style="padding:20px 0"><a href="${u}" target="_blank" style="background:${brand};color:${buttonText};text-decoration:none;padding:10px 20px;border-radius:5px;display:inline-block;font-weight:bold">${escapeHtml(t.button)}</a></td></tr>
<tr><td align="center" style="font-size:14px;color:#444">${escapeHtml(t.ignore)}</td></tr>
</table></body>`,
  }
}
