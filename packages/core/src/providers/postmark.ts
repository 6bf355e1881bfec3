import { httpEmailProvider, post, type HttpEmailConfig, type HttpEmailOptions } from './http-email.js'

/**
 * Postmark (https://postmarkapp.com/developer/api/email-api): `POST https://api.postmarkapp.com/email`
 * with `X-Postmark-Server-Token: <apiKey>` (the server token) and `{ From, To, Subject, TextBody, HtmlBody, MessageStream }`.
 * `apiKey` or `AUTH_POSTMARK_KEY`.
 */
export default function Postmark(options: HttpEmailOptions & { messageStream?: string } = {}): HttpEmailConfig {
  const { messageStream = 'outbound', ...rest } = options
  return httpEmailProvider(
    {
      id: 'postmark',
      name: 'Postmark',
      send: (m) =>
        post(m.fetch, 'Postmark', 'https://api.postmarkapp.com/email', {
          headers: { 'x-postmark-server-token': m.apiKey, accept: 'application/json', 'content-type': 'application/json' },
          body: JSON.stringify({ From: m.from, To: m.to, Subject: m.subject, TextBody: m.text, HtmlBody: m.html, MessageStream: messageStream }),
        }),
    },
    rest,
  )
}

export { Postmark }
