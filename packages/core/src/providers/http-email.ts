import { Configuration } from '../errors.js'
import { customFetch } from '../symbols.js'
import type { Theme } from '../types.js'
import { magicLinkEmail } from './email.js'
import type { EmailConfig } from './types.js'

/** Options of the HTTP-API e-mail providers (Resend, SendGrid, Postmark, Mailgun, Forward Email, Loops). */
export interface HttpEmailOptions extends Partial<Omit<EmailConfig, 'type'>> {
  /** The service's API key (or `AUTH_<ID>_KEY`). */
  apiKey?: string
  from?: string
  /** An injected fetch for the API call (tests, proxies); default the global fetch. */
  [customFetch]?: typeof fetch
}

export interface HttpEmailConfig extends EmailConfig {
  apiKey?: string
  [customFetch]?: typeof fetch
}

export interface Message {
  apiKey: string
  from: string
  to: string
  subject: string
  text: string
  html: string
  url: string
  provider: HttpEmailConfig
  fetch: typeof fetch
}

/** POST to a mail API; a non-2xx answer throws without echoing the key or the body. */
export async function post(fetchImpl: typeof fetch, service: string, url: string, init: { headers: Record<string, string>; body: string }): Promise<void> {
  const res = await fetchImpl(url, { method: 'POST', headers: init.headers, body: init.body })
  if (!res.ok) throw new Error(`${service} answered ${res.status}`)
}

/** An e-mail provider whose default sender calls `send` with the magic-link message. */
export function httpEmailProvider(
  d: { id: string; name: string; requireFrom?: boolean; send: (m: Message) => Promise<void> },
  options: HttpEmailOptions = {},
): HttpEmailConfig {
  const provider: HttpEmailConfig = {
    id: d.id,
    name: d.name,
    maxAge: 24 * 60 * 60,
    ...options,
    type: 'email',
    sendVerificationRequest:
      options.sendVerificationRequest ??
      (async ({ identifier, url, provider: p, theme }: { identifier: string; url: string; provider: EmailConfig; theme: Theme }) => {
        const self = p as HttpEmailConfig
        if (!self.apiKey) throw new Configuration(`${d.name} provider: set apiKey (or AUTH_${d.id.toUpperCase()}_KEY)`)
        if (d.requireFrom !== false && !self.from) throw new Configuration(`${d.name} provider: set from (e.g. "Acme <no-reply@acme.example>")`)
        const { subject, text, html } = magicLinkEmail({ url, theme })
        await d.send({ apiKey: self.apiKey, from: self.from ?? '', to: identifier, subject, text, html, url, provider: self, fetch: self[customFetch] ?? fetch })
      }),
  }
  return provider
}
