import type { EmailConfig } from './types.js'
import type { Theme } from '../types.js'
import { escapeHtml, safeColor } from '../pages/html.js'
import { smtpSendVerificationRequest, type SmtpLoader } from './smtp.js'

export type { EmailConfig }

/** Why an address was refused; the message is safe to log (it never contains the address). */
export class InvalidEmailAddress extends Error {
  override readonly name = 'InvalidEmailAddress'
}

const MAX_LENGTH = 254
// atext (RFC 5322) plus dots, and any letter/number/mark for internationalised local parts. No quotes, commas, spaces.
const LOCAL_RE = /^[\p{L}\p{N}\p{M}.!#$%&'*+/=?^_`{|}~-]{1,64}$/u
const LABEL_RE = /^[\p{L}\p{N}\p{M}](?:[\p{L}\p{N}\p{M}-]{0,61}[\p{L}\p{N}\p{M}])?$/u

/**
 * Normalise an email address for sign-in, or throw InvalidEmailAddress. NFKC first (so full-width and
 * compatibility characters fold), then trim and lower-case. Refused: anything but exactly one `@`, quotes,
 * commas, whitespace or control characters, the look-alike at signs `＠` / `﹫` in the input, an empty or
 * dotted-wrong local part, a domain that is not a hostname with a dot.
 */
export function normalizeEmail(input: unknown): string {
  if (typeof input !== 'string') throw new InvalidEmailAddress('The email address must be a string')
  if (input.length > MAX_LENGTH * 4) throw new InvalidEmailAddress('The email address is too long')
  if (/[\uFF20\uFE6B]/.test(input)) throw new InvalidEmailAddress('The email address contains a look-alike at sign')
  const s = input.normalize('NFKC').trim().toLowerCase()
  if (!s) throw new InvalidEmailAddress('The email address is empty')
  if (s.length > MAX_LENGTH) throw new InvalidEmailAddress('The email address is too long')
  if (/[",;<>()[\]\\:\s\p{C}]/u.test(s)) {
    throw new InvalidEmailAddress('The email address contains a forbidden character (quote, comma, space, bracket or control)')
  }
  const parts = s.split('@')
  if (parts.length !== 2) throw new InvalidEmailAddress('The email address must contain exactly one @')
  const [local, domain] = parts as [string, string]
  if (!LOCAL_RE.test(local) || local.startsWith('.') || local.endsWith('.') || local.includes('..')) {
    throw new InvalidEmailAddress('The local part of the email address is invalid')
  }
  const labels = domain.split('.')
  if (labels.length < 2 || !labels.every((l) => LABEL_RE.test(l)) || /^\d+$/.test(labels[labels.length - 1]!)) {
    throw new InvalidEmailAddress('The domain of the email address is invalid')
  }
  const address = `${local}@${asciiDomain(domain)}`
  if (address.length > MAX_LENGTH) throw new InvalidEmailAddress('The email address is too long')
  return address
}

const ASCII_LABEL_RE = /^[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?$/

/**
 * One spelling per domain: IDNA ToASCII (UTS #46) through the WHATWG URL parser, which every runtime ships, so
 * `bücher.example`, `BÜCHER.example` and `xn--bcher-kva.example` are one key. Labels that do not convert, or
 * convert to something other than an ASCII hostname, are refused.
 */
function asciiDomain(domain: string): string {
  let host: string
  try {
    host = new URL(`http://${domain}/`).hostname
  } catch {
    throw new InvalidEmailAddress('The domain of the email address is not a valid internationalised domain name')
  }
  const labels = host.split('.')
  if (host.length > 253 || labels.length < 2 || !labels.every((l) => ASCII_LABEL_RE.test(l)) || /^\d+$/.test(labels[labels.length - 1]!)) {
    throw new InvalidEmailAddress('The domain of the email address is invalid')
  }
  return host
}

/**
 * The key an OAuth/OIDC address is stored and looked up under (so an IdP's `Ada@BÜCHER.example` finds the
 * magic-link user `ada@xn--bcher-kva.example`), or null when it is no usable address: then it is neither
 * stored nor used to find a user.
 */
export function oauthEmailKey(input: unknown): string | null {
  if (typeof input !== 'string' || !input) return null
  try {
    return normalizeEmail(input)
  } catch {
    return null
  }
}

/** The default magic-link email. The recipient address is never rendered: only the site host and the link. */
export function magicLinkEmail(params: { url: string; theme?: Theme }): { subject: string; text: string; html: string } {
  const { host } = new URL(params.url)
  const brand = safeColor(params.theme?.brandColor, '#346df1')
  const buttonText = safeColor(params.theme?.buttonText, '#ffffff')
  const h = escapeHtml(host)
  const u = escapeHtml(params.url)
  return {
    subject: `Sign in to ${host}`,
    text: `Sign in to ${host}\n${params.url}\n\nIf you did not request this email you can safely ignore it.\n`,
    html: `<body style="background:#f9f9f9;padding:20px;font-family:Helvetica,Arial,sans-serif">
<table width="100%" cellspacing="0" cellpadding="0" style="max-width:600px;margin:auto;background:#fff;border-radius:10px;padding:20px">
<tr><td align="center" style="font-size:22px;color:#444;padding:10px 0">Sign in to <strong>${h}</strong></td></tr>
<tr><td align="center" style="padding:20px 0"><a href="${u}" target="_blank" style="background:${brand};color:${buttonText};text-decoration:none;padding:10px 20px;border-radius:5px;display:inline-block;font-weight:bold">Sign in</a></td></tr>
<tr><td align="center" style="font-size:14px;color:#444">If you did not request this email you can safely ignore it.</td></tr>
</table></body>`,
  }
}

export type EmailProviderOptions = Partial<Omit<EmailConfig, 'type'>> & {
  /** SMTP server (URL or nodemailer options), sent through `@latch/email-nodemailer` when there is no `sendVerificationRequest`. */
  server?: unknown
  from?: string
  /** How to load the SMTP sender for `server` (default: `import('@latch/email-nodemailer')` on the first send). */
  smtp?: SmtpLoader
}

/**
 * Magic-link sign-in. The sender is pluggable (`sendVerificationRequest`), so the core stays edge-safe.
 * With Auth.js's `{ server, from }` instead, mail goes over SMTP through `@latch/email-nodemailer`, which
 * is imported lazily on the first send (install it; a clear Configuration error names it otherwise).
 * Needs an adapter (verification tokens).
 */
export default function Email(options: EmailProviderOptions): EmailConfig {
  const { smtp, ...rest } = options ?? {}
  let send = rest.sendVerificationRequest
  if (typeof send !== 'function') {
    if (rest.server === undefined) {
      throw new TypeError('Email provider: pass `server` and `from` (SMTP via @latch/email-nodemailer) or sendVerificationRequest')
    }
    send = smtpSendVerificationRequest(rest.server, rest.from, smtp)
  }
  return {
    id: 'email',
    name: 'Email',
    maxAge: 24 * 60 * 60,
    ...rest,
    type: 'email',
    sendVerificationRequest: send,
  }
}

export { Email }
