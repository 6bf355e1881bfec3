import nodemailer from 'nodemailer'
import type SMTPTransport from 'nodemailer/lib/smtp-transport'
import type { EmailConfig, Theme } from '@latch/core'
import { magicLinkEmail } from '@latch/core/providers/email'

export type SmtpServer = string | SMTPTransport.Options

export interface SmtpSenderOptions {
  /** An SMTP URL (`smtp://user:pass@host:587`) or nodemailer SMTP transport options. */
  server: SmtpServer
  /** The From header, e.g. `"Acme" <no-reply@acme.example>`. */
  from: string
  /** Replace the default subject/text/html. Never render `identifier` as HTML; the default does not show it at all. */
  render?: (params: { url: string; identifier: string; theme: Theme; expires: Date }) => { subject: string; text: string; html?: string }
}

type SendParams = Parameters<EmailConfig['sendVerificationRequest']>[0]

/**
 * A `sendVerificationRequest` that sends the magic link over SMTP with nodemailer. One transport (and its
 * connection pool, if configured) is reused for every message. Throws when the server refuses the recipient.
 */
export function createSmtpSender(options: SmtpSenderOptions): (params: SendParams) => Promise<void> {
  if (!options.from) throw new TypeError('createSmtpSender: `from` is required')
  const transport = nodemailer.createTransport(options.server as SMTPTransport.Options)
  return async ({ identifier, url, theme, expires }) => {
    const content = options.render ? options.render({ url, identifier, theme, expires }) : magicLinkEmail({ url, theme })
    const info = await transport.sendMail({
      to: identifier,
      from: options.from,
      subject: content.subject,
      text: content.text,
      ...(content.html ? { html: content.html } : {}),
    })
    const failed = [...(info.rejected ?? []), ...((info as { pending?: unknown[] }).pending ?? [])]
    if (failed.length) throw new Error(`SMTP refused ${failed.length} recipient(s)`)
  }
}

export interface NodemailerProviderOptions extends Partial<Omit<EmailConfig, 'type' | 'sendVerificationRequest' | 'server' | 'from'>> {
  server: SmtpServer
  from: string
  render?: SmtpSenderOptions['render']
  /** Override the sender entirely (the SMTP options are then unused). */
  sendVerificationRequest?: EmailConfig['sendVerificationRequest']
}

/** The Auth.js-style Nodemailer provider: magic links over SMTP. Id `nodemailer` unless given. */
export default function Nodemailer(options: NodemailerProviderOptions): EmailConfig {
  const { server, from, render, ...rest } = options
  return {
    id: 'nodemailer',
    name: 'Email',
    maxAge: 24 * 60 * 60,
    ...rest,
    server,
    from,
    type: 'email',
    sendVerificationRequest: options.sendVerificationRequest ?? createSmtpSender({ server, from, ...(render ? { render } : {}) }),
  }
}

export { Nodemailer }
