import { createServer, type IncomingHttpHeaders, type Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { applyEnv } from '../../src/env.js'
import { customFetch, type AuthConfig } from '../../src/index.js'
import { MemoryAdapter } from '../../src/adapters/memory.js'
import Email from '../../src/providers/email.js'
import ForwardEmail from '../../src/providers/forwardemail.js'
import Loops from '../../src/providers/loops.js'
import Mailgun from '../../src/providers/mailgun.js'
import Nodemailer from '../../src/providers/nodemailer.js'
import Postmark from '../../src/providers/postmark.js'
import Resend from '../../src/providers/resend.js'
import SendGrid from '../../src/providers/sendgrid.js'
import type { HttpEmailConfig } from '../../src/providers/http-email.js'
import { appSecret, Browser } from '../support/client.js'
import { quietLogger } from '../support/fake-oauth.js'
import { openLink, requestLink } from '../support/mail.js'

interface Hit {
  method: string
  url: string
  headers: IncomingHttpHeaders
  body: string
}

const ORIGIN = 'https://app.example.com'
const KEY = 're_test_key_never_logged'
const FROM = 'Acme <no-reply@acme.example>'
let server: Server
let port = 0
const hits: Hit[] = []
let status = 200

/** One local stand-in for every mail API: records the request and answers `status`. */
beforeAll(async () => {
  server = createServer((req, res) => {
    const chunks: Buffer[] = []
    req.on('data', (c: Buffer) => chunks.push(c))
    req.on('end', () => {
      const [, host, ...rest] = req.url!.split('/')
      hits.push({ method: req.method!, url: `https://${host}/${rest.join('/')}`, headers: req.headers, body: Buffer.concat(chunks).toString() })
      res.writeHead(status, { 'content-type': 'application/json' })
      res.end(status < 300 ? '{"id":"msg_1"}' : `{"message":"bad key ${KEY}"}`)
    })
  })
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r))
  port = (server.address() as AddressInfo).port
})
afterAll(() => new Promise<void>((r) => server.close(() => r())))

const rewrite = (async (input: string | URL | Request, init?: RequestInit) => {
  const u = new URL(String(input instanceof Request ? input.url : input))
  return fetch(`http://127.0.0.1:${port}/${u.host}${u.pathname}${u.search}`, init)
}) as typeof fetch

const LINK = 'https://app.example.com/auth/callback/x?token=abc&email=ada%40example.com'

async function send(provider: HttpEmailConfig) {
  hits.length = 0
  await provider.sendVerificationRequest({
    identifier: 'ada@example.com',
    url: LINK,
    expires: new Date(Date.now() + 60_000),
    provider,
    token: 'abc',
    theme: {},
    request: new Request(ORIGIN),
  })
  expect(hits).toHaveLength(1)
  return hits[0]!
}

describe('HTTP-API e-mail providers send the documented request', () => {
  const opts = { apiKey: KEY, from: FROM, [customFetch]: rewrite }

  it('resend: POST api.resend.com/emails, Bearer key, JSON { from, to, subject, html, text }', async () => {
    const hit = await send(Resend(opts))
    expect(hit.method).toBe('POST')
    expect(hit.url).toBe('https://api.resend.com/emails')
    expect(hit.headers.authorization).toBe(`Bearer ${KEY}`)
    expect(hit.headers['content-type']).toBe('application/json')
    const body = JSON.parse(hit.body)
    expect(body).toMatchObject({ from: FROM, to: 'ada@example.com', subject: 'Sign in to app.example.com' })
    expect(body.text).toContain(LINK)
    expect(body.html).toContain('token=abc')
  })

  it('sendgrid: POST api.sendgrid.com/v3/mail/send, Bearer key, personalizations/from/content', async () => {
    const hit = await send(SendGrid(opts))
    expect(hit.method).toBe('POST')
    expect(hit.url).toBe('https://api.sendgrid.com/v3/mail/send')
    expect(hit.headers.authorization).toBe(`Bearer ${KEY}`)
    const body = JSON.parse(hit.body)
    expect(body.personalizations).toEqual([{ to: [{ email: 'ada@example.com' }] }])
    expect(body.from).toEqual({ email: 'no-reply@acme.example', name: 'Acme' })
    expect(body.content.map((c: { type: string }) => c.type)).toEqual(['text/plain', 'text/html'])
    expect(body.content[0].value).toContain(LINK)
  })

  it('postmark: POST api.postmarkapp.com/email, X-Postmark-Server-Token, PascalCase JSON', async () => {
    const hit = await send(Postmark(opts))
    expect(hit.url).toBe('https://api.postmarkapp.com/email')
    expect(hit.headers['x-postmark-server-token']).toBe(KEY)
    expect(hit.headers.authorization).toBeUndefined()
    const body = JSON.parse(hit.body)
    expect(body).toMatchObject({ From: FROM, To: 'ada@example.com', MessageStream: 'outbound' })
    expect(body.TextBody).toContain(LINK)
  })

  it('mailgun: POST /v3/<from domain>/messages (US or EU), Basic api:key, form fields', async () => {
    const hit = await send(Mailgun(opts))
    expect(hit.url).toBe('https://api.mailgun.net/v3/acme.example/messages')
    expect(hit.headers.authorization).toBe(`Basic ${Buffer.from(`api:${KEY}`).toString('base64')}`)
    expect(hit.headers['content-type']).toBe('application/x-www-form-urlencoded')
    const form = new URLSearchParams(hit.body)
    expect(form.get('from')).toBe(FROM)
    expect(form.get('to')).toBe('ada@example.com')
    expect(form.get('text')).toContain(LINK)
    expect((await send(Mailgun({ ...opts, region: 'EU', domain: 'mg.acme.example' }))).url).toBe('https://api.eu.mailgun.net/v3/mg.acme.example/messages')
  })

  it('forwardemail: POST api.forwardemail.net/v1/emails, Basic key: (empty password), JSON', async () => {
    const hit = await send(ForwardEmail(opts))
    expect(hit.url).toBe('https://api.forwardemail.net/v1/emails')
    expect(hit.headers.authorization).toBe(`Basic ${Buffer.from(`${KEY}:`).toString('base64')}`)
    expect(JSON.parse(hit.body)).toMatchObject({ from: FROM, to: 'ada@example.com' })
  })

  it('loops: POST app.loops.so/api/v1/transactional, Bearer key, { transactionalId, email, dataVariables.url }', async () => {
    const hit = await send(Loops({ ...opts, transactionalId: 'clfq6dinn000yl70fgwwyp82l' }))
    expect(hit.url).toBe('https://app.loops.so/api/v1/transactional')
    expect(hit.headers.authorization).toBe(`Bearer ${KEY}`)
    expect(JSON.parse(hit.body)).toEqual({ transactionalId: 'clfq6dinn000yl70fgwwyp82l', email: 'ada@example.com', dataVariables: { url: LINK } })
  })

  it('a refused request throws without the key or the answer body', async () => {
    status = 401
    try {
      const error = await send(Resend(opts)).catch((e: Error) => e)
      expect(String(error)).toContain('Resend answered 401')
      expect(String((error as Error).message)).not.toContain(KEY)
    } finally {
      status = 200
    }
  })

  it('AUTH_<ID>_KEY fills apiKey; a missing key or from is a Configuration error naming the setting', async () => {
    const config = applyEnv({ providers: [Resend({ from: FROM, [customFetch]: rewrite })] } as AuthConfig, { AUTH_RESEND_KEY: KEY })
    const filled = config.providers[0] as HttpEmailConfig
    expect(filled.apiKey).toBe(KEY)
    expect((await send(filled)).headers.authorization).toBe(`Bearer ${KEY}`)
    const noKey = Resend({ from: FROM, [customFetch]: rewrite })
    await expect(noKey.sendVerificationRequest({ identifier: 'a@b.co', url: LINK, expires: new Date(), provider: noKey, token: 't', theme: {}, request: new Request(ORIGIN) })).rejects.toThrow(/AUTH_RESEND_KEY/)
  })
})

describe('magic-link sign-in through Auth() with each HTTP sender', () => {
  const senders: [string, () => HttpEmailConfig, (h: Hit) => string][] = [
    ['resend', () => Resend({ apiKey: KEY, from: FROM }), (h) => JSON.parse(h.body).text],
    ['sendgrid', () => SendGrid({ apiKey: KEY, from: FROM }), (h) => JSON.parse(h.body).content[0].value],
    ['postmark', () => Postmark({ apiKey: KEY, from: FROM }), (h) => JSON.parse(h.body).TextBody],
    ['mailgun', () => Mailgun({ apiKey: KEY, from: FROM }), (h) => new URLSearchParams(h.body).get('text')!],
    ['forwardemail', () => ForwardEmail({ apiKey: KEY, from: FROM }), (h) => JSON.parse(h.body).text],
    ['loops', () => Loops({ apiKey: KEY, transactionalId: 'tx1' }), (h) => JSON.parse(h.body).dataVariables.url],
  ]
  it.each(senders)('%s', async (id, make, linkOf) => {
    hits.length = 0
    const provider = { ...make(), [customFetch]: rewrite }
    const config: AuthConfig = { secret: appSecret(), url: ORIGIN, adapter: MemoryAdapter(), providers: [provider], logger: quietLogger }
    const b = new Browser(config, ORIGIN)
    const res = await requestLink(b, 'ada@example.com', {}, id)
    expect(res.headers.get('location')).toContain('/auth/verify-request')
    expect(hits).toHaveLength(1)
    const link = /https:\/\/app\.example\.com\/auth\/callback\/\S+/.exec(linkOf(hits[0]!))![0]
    expect(new URL(link).pathname).toBe(`/auth/callback/${id}`)
    await openLink(b, link)
    expect((await b.session()).user.email).toBe('ada@example.com')
  })
})

describe('email / nodemailer with Auth.js { server, from }', () => {
  it('no longer throw without sendVerificationRequest; ids email and nodemailer', () => {
    expect(Email({ server: 'smtp://127.0.0.1:2525', from: FROM }).id).toBe('email')
    expect(Nodemailer({ server: 'smtp://127.0.0.1:2525', from: FROM }).id).toBe('nodemailer')
    expect(() => Email({} as never)).toThrow(/server/)
  })

  it('send through the loaded SMTP module (the `smtp` hook), created once, with server and from', async () => {
    const made: unknown[] = []
    const sent: string[] = []
    const p = Nodemailer({
      server: 'smtp://127.0.0.1:2525',
      from: FROM,
      smtp: async () => ({
        createSmtpSender: (o) => {
          made.push(o)
          return async ({ identifier }) => void sent.push(identifier)
        },
      }),
    })
    const params = { identifier: 'ada@example.com', url: LINK, expires: new Date(), provider: p, token: 't', theme: {}, request: new Request(ORIGIN) }
    await p.sendVerificationRequest(params)
    await p.sendVerificationRequest({ ...params, identifier: 'bob@example.com' })
    expect(made).toEqual([{ server: 'smtp://127.0.0.1:2525', from: FROM }])
    expect(sent).toEqual(['ada@example.com', 'bob@example.com'])
  })

  it('without @latch/email-nodemailer installed, sending fails with a Configuration error naming the package', async () => {
    // The core package does not depend on @latch/email-nodemailer, so the default loader cannot find it here.
    const p = Email({ server: 'smtp://127.0.0.1:2525', from: FROM })
    const error = await Promise.resolve()
      .then(() => p.sendVerificationRequest({ identifier: 'ada@example.com', url: LINK, expires: new Date(), provider: p, token: 't', theme: {}, request: new Request(ORIGIN) }))
      .catch((e: Error) => e)
    expect((error as { type?: string }).type ?? (error as Error).name).toBe('Configuration')
    expect(String((error as Error).message)).toContain('@latch/email-nodemailer')
  })
})
