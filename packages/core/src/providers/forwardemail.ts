import { httpEmailProvider, post, type HttpEmailConfig, type HttpEmailOptions } from './http-email.js'

/**
 * Forward Email (https://forwardemail.net/en/email-api#outbound-emails): `POST https://api.forwardemail.net/v1/emails`,
 * HTTP Basic with the API key as user name and an empty password, `{ from, to, subject, text, html }`.
 * `apiKey` or `AUTH_FORWARDEMAIL_KEY`.
 */
export default function ForwardEmail(options: HttpEmailOptions = {}): HttpEmailConfig {
  return httpEmailProvider(
    {
      id: 'forwardemail',
      name: 'Forward Email',
      send: (m) =>
        post(m.fetch, 'Forward Email', 'https://api.forwardemail.net/v1/emails', {
          headers: { authorization: `Basic ${btoa(`${m.apiKey}:`)}`, 'content-type': 'application/json' },
          body: JSON.stringify({ from: m.from, to: m.to, subject: m.subject, text: m.text, html: m.html }),
        }),
    },
    options,
  )
}

export { ForwardEmail }
