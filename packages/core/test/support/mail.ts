import Email from '../../src/providers/email.js'
import type { EmailConfig } from '../../src/providers/types.js'
import type { Browser } from './client.js'

export interface SentMail {
  identifier: string
  url: string
  token: string
  expires: Date
}

/** An email provider whose sender records each message instead of sending it. */
export function capturingEmail(options: Partial<EmailConfig> = {}) {
  const sent: SentMail[] = []
  const provider = Email({
    ...options,
    sendVerificationRequest: async ({ identifier, url, token, expires }) => {
      sent.push({ identifier, url, token, expires })
    },
  })
  return { provider, sent, last: () => sent[sent.length - 1]! }
}

/** POST /signin/email with a CSRF token. */
export async function requestLink(b: Browser, email: string, extra: Record<string, string> = {}, providerId = 'email'): Promise<Response> {
  const csrfToken = await b.csrf()
  return b.fetch(`/auth/signin/${providerId}`, { form: { csrfToken, email, ...extra } })
}

/** Follow a magic link (path + query) in browser `b`. */
export function openLink(b: Browser, url: string): Promise<Response> {
  const u = new URL(url)
  return b.fetch(u.pathname + u.search)
}
