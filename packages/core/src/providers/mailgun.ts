import { httpEmailProvider, post, type HttpEmailConfig, type HttpEmailOptions } from './http-email.js'

export interface MailgunOptions extends HttpEmailOptions {
  /** `US` (api.mailgun.net, default) or `EU` (api.eu.mailgun.net). */
  region?: 'US' | 'EU'
  /** The sending domain; default the domain of `from`. */
  domain?: string
}

/**
 * Mailgun (https://documentation.mailgun.com/docs/mailgun/api-reference/send/mailgun/messages):
 * `POST https://api.mailgun.net/v3/<domain>/messages`, HTTP Basic `api:<apiKey>`, form fields
 * `from, to, subject, text, html`. `apiKey` or `AUTH_MAILGUN_KEY`.
 */
export default function Mailgun(options: MailgunOptions = {}): HttpEmailConfig {
  const { region = 'US', domain, ...rest } = options
  const host = region === 'EU' ? 'https://api.eu.mailgun.net' : 'https://api.mailgun.net'
  return httpEmailProvider(
    {
      id: 'mailgun',
      name: 'Mailgun',
      send: (m) => {
        const sending = domain ?? /@([^>\s]+)>?\s*$/.exec(m.from)?.[1]
        if (!sending) throw new Error('Mailgun provider: set domain (or a from address with a domain)')
        return post(m.fetch, 'Mailgun', `${host}/v3/${encodeURIComponent(sending)}/messages`, {
          headers: { authorization: `Basic ${btoa(`api:${m.apiKey}`)}`, 'content-type': 'application/x-www-form-urlencoded' },
          body: new URLSearchParams({ from: m.from, to: m.to, subject: m.subject, text: m.text, html: m.html }).toString(),
        })
      },
    },
    rest,
  )
}

export { Mailgun }
