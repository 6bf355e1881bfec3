import { httpEmailProvider, post, type HttpEmailConfig, type HttpEmailOptions } from './http-email.js'

/** `Name <address>` → `{ email, name }`, as SendGrid's v3 API wants it. */
function address(from: string): { email: string; name?: string } {
  const m = /^\s*"?([^"<]*?)"?\s*<([^>]+)>\s*$/.exec(from)
  return m ? { email: m[2]!, ...(m[1] ? { name: m[1] } : {}) } : { email: from.trim() }
}

/**
 * SendGrid v3 Mail Send (https://www.twilio.com/docs/sendgrid/api-reference/mail-send/mail-send):
 * `POST https://api.sendgrid.com/v3/mail/send` with `Authorization: Bearer <apiKey>`. `apiKey` or `AUTH_SENDGRID_KEY`.
 */
export default function SendGrid(options: HttpEmailOptions = {}): HttpEmailConfig {
  return httpEmailProvider(
    {
      id: 'sendgrid',
      name: 'SendGrid',
      send: (m) =>
        post(m.fetch, 'SendGrid', 'https://api.sendgrid.com/v3/mail/send', {
          headers: { authorization: `Bearer ${m.apiKey}`, 'content-type': 'application/json' },
          body: JSON.stringify({
            personalizations: [{ to: [{ email: m.to }] }],
            from: address(m.from),
            subject: m.subject,
            content: [
              { type: 'text/plain', value: m.text },
              { type: 'text/html', value: m.html },
            ],
          }),
        }),
    },
    options,
  )
}

export { SendGrid }
