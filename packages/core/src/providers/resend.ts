import { httpEmailProvider, post, type HttpEmailConfig, type HttpEmailOptions } from './http-email.js'

/**
 * Resend (https://resend.com/docs/api-reference/emails/send-email): `POST https://api.resend.com/emails`
 * with `Authorization: Bearer <apiKey>` and `{ from, to, subject, html, text }`. `apiKey` or `AUTH_RESEND_KEY`.
 */
export default function Resend(options: HttpEmailOptions = {}): HttpEmailConfig {
  return httpEmailProvider(
    {
      id: 'resend',
      name: 'Resend',
      send: (m) =>
        post(m.fetch, 'Resend', 'https://api.resend.com/emails', {
          headers: { authorization: `Bearer ${m.apiKey}`, 'content-type': 'application/json' },
          body: JSON.stringify({ from: m.from, to: m.to, subject: m.subject, html: m.html, text: m.text }),
        }),
    },
    options,
  )
}

export { Resend }
