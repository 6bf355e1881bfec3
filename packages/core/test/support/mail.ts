import Email from '../../src/providers/email.js'
import type { EmailConfig } from '../../src/providers/types.js'
import type { Browser } from './client.js'
import { confirmationForm } from '../../src/testing/magic-link.js'

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

/** GET a magic link (path + query) in browser `b`: the confirmation page, which consumes nothing. */
export function viewLink(b: Browser, url: string): Promise<Response> {
  const u = new URL(url)
  return b.fetch(u.pathname + u.search)
}

/** Follow a magic link in browser `b` as a person does: GET the confirmation page, then press its button. */
export async function openLink(b: Browser, url: string): Promise<Response> {
  const page = await viewLink(b, url)
  if (page.status !== 200) return page
  const form = confirmationForm(await page.text())
  if (!form) throw new Error('the magic link page has no confirmation form')
  return b.fetch(new URL(form.action).pathname, { form: form.fields })
}
