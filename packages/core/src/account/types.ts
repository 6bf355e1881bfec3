import type { Awaitable } from '../base-types.js'

/**
 * `config.account`: account management (account/). Everything has a default; the only thing an app may need to
 * add is a mail sender for the e-mail change when it has no e-mail provider.
 */
export interface AccountOptions {
  /**
   * Sends the account e-mails: the verification link to a new address (`verify-new-email`) and the notice to the
   * old address once the change has applied (`email-changed`). Each message comes with a default subject, text
   * and HTML. Without it the verification link goes through the app's e-mail provider (`sendVerificationRequest`)
   * and no notice can be sent (a warning is logged).
   */
  sendEmail?: (message: AccountEmail) => Awaitable<void>
  /** Seconds an e-mail change link stays valid. Default 24 hours (at most 7 days). */
  emailChangeMaxAge?: number
}

interface MessageText {
  subject: string
  text: string
  html: string
  /** The request that caused the message (to read the host, a locale header, …). */
  request: Request
}

export type AccountEmail =
  | ({ kind: 'verify-new-email'; to: string; url: string; expires: Date } & MessageText)
  | ({ kind: 'email-changed'; to: string; newEmail: string } & MessageText)
