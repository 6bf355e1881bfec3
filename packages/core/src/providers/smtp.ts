import { Configuration } from '../errors.js'
import type { EmailConfig } from './types.js'

type Send = EmailConfig['sendVerificationRequest']

/** What `@latch/email-nodemailer` exports for the `server` option (its `createSmtpSender`). */
export interface SmtpModule {
  createSmtpSender(options: { server: any; from: string }): Send
}

/** Loads the SMTP sender module. Default: `import('@latch/email-nodemailer')`, on the first send. */
export type SmtpLoader = () => Promise<SmtpModule>

// A variable specifier: bundlers (and the edge build) leave it alone, so nodemailer is never pulled into the core.
const SMTP_PACKAGE = '@latch/email-nodemailer'

export const loadSmtp: SmtpLoader = async () => {
  try {
    return (await import(/* @vite-ignore */ SMTP_PACKAGE)) as SmtpModule
  } catch (error) {
    throw new Configuration(
      `Sending e-mail through \`server\` needs ${SMTP_PACKAGE}: install it next to @latch/core (npm i ${SMTP_PACKAGE}), ` +
        `or import Nodemailer from '${SMTP_PACKAGE}', or pass sendVerificationRequest`,
      { cause: error },
    )
  }
}

/**
 * The `sendVerificationRequest` of the core's `email` / `nodemailer` providers when given `{ server, from }`:
 * SMTP through `@latch/email-nodemailer`, loaded lazily on the first send (so the core, and the edge
 * entry, never import nodemailer). `load` is the documented hook to supply the module yourself.
 */
export function smtpSendVerificationRequest(server: unknown, from: string | undefined, load: SmtpLoader = loadSmtp): Send {
  let sender: Send | undefined
  return async (params) => {
    if (!from) throw new Configuration('E-mail provider: set `from` (e.g. "Acme <no-reply@acme.example>")')
    sender ??= (await load()).createSmtpSender({ server, from })
    return sender(params)
  }
}
