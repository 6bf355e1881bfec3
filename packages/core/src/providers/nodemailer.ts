import Email, { type EmailProviderOptions } from './email.js'
import type { EmailConfig } from './types.js'

export type NodemailerUserConfig = EmailProviderOptions

/**
 * Auth.js's `nodemailer` provider: magic links over SMTP with `{ server, from }`, id `nodemailer`
 * (callback `{AUTH_URL}/auth/callback/nodemailer`). nodemailer itself lives in `@latch/email-nodemailer`,
 * imported lazily on the first send, so this module stays edge-safe; `import Nodemailer from
 * '@latch/email-nodemailer'` is the same provider with nodemailer imported up front.
 */
export default function Nodemailer(options: NodemailerUserConfig): EmailConfig {
  return Email({ id: 'nodemailer', name: 'Nodemailer', ...options })
}

export { Nodemailer }
