import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { SMTPServer } from 'smtp-server'
import type { AddressInfo } from 'node:net'
import type { AuthConfig } from '@latch/core'
import { MemoryAdapter } from '@latch/core/adapters/memory'
import Nodemailer from '../src/index.js'
import { Browser, SECRET } from '../../core/test/support/client.js'
import { quietLogger } from '../../core/test/support/fake-oauth.js'
import { openLink, requestLink as requestLinkFor } from '../../core/test/support/mail.js'
import type { SmtpServer } from '../src/index.js'

interface Received {
  from: string
  to: string[]
  raw: string
}

const inbox: Received[] = []
let server: SMTPServer
let port: number

beforeAll(async () => {
  server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS'],
    logger: false,
    onRcptTo(address, _session, callback) {
      if (address.address.startsWith('bounce')) return callback(new Error('550 no such mailbox'))
      callback()
    },
    onData(stream, session, callback) {
      const chunks: Buffer[] = []
      stream.on('data', (c: Buffer) => chunks.push(c))
      stream.on('end', () => {
        inbox.push({
          from: session.envelope.mailFrom ? session.envelope.mailFrom.address : '',
          to: session.envelope.rcptTo.map((r) => r.address),
          raw: Buffer.concat(chunks).toString('utf8'),
        })
        callback()
      })
    },
  })
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject)
    server.listen(0, '127.0.0.1', () => resolve())
  })
  port = (server.server.address() as AddressInfo).port
})

afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())))

/** Undo quoted-printable soft breaks and escapes. */
function decodeQP(s: string): string {
  return s.replace(/=\r?\n/g, '').replace(/=([0-9A-F]{2})/g, (_, h: string) => String.fromCharCode(parseInt(h, 16)))
}

/** Defaults to the local SMTP server started in beforeAll. */
function setup(server: SmtpServer = { host: '127.0.0.1', port, secure: false, ignoreTLS: true }, from = 'Latch <no-reply@app.test>') {
  const adapter = MemoryAdapter()
  const config: AuthConfig = {
    secret: SECRET,
    url: 'http://app.test',
    logger: quietLogger,
    adapter,
    providers: [Nodemailer({ server, from })],
  }
  return { adapter, config }
}

const requestLink = (b: Browser, email: string) => requestLinkFor(b, email, {}, 'nodemailer')

describe('@latch/email-nodemailer against a local SMTP server', () => {
  it('sends the magic link over SMTP to exactly the normalized address, and the link signs in', async () => {
    const { adapter, config } = setup()
    const b = new Browser(config)
    const before = inbox.length
    const res = await requestLink(b, 'Grace.Hopper@Example.COM')
    expect(res.status).toBe(302)
    expect(new URL(res.headers.get('location')!).pathname).toBe('/auth/verify-request')
    expect(inbox.length).toBe(before + 1)
    const mail = inbox[inbox.length - 1]!
    expect(mail.to).toEqual(['grace.hopper@example.com'])
    expect(mail.from).toBe('no-reply@app.test')
    const body = decodeQP(mail.raw)
    expect(body).toMatch(/Subject: Sign in to app\.test/)
    expect(body).toMatch(/multipart\/alternative/)
    // The address is in the envelope and the To header only, never in the text or HTML body.
    const bodyOnly = body.slice(body.indexOf('\r\n\r\n'))
    expect(bodyOnly).not.toContain('grace.hopper@example.com')
    const link = /http:\/\/app\.test\/auth\/callback\/nodemailer\?[^\s"<]+/.exec(bodyOnly)![0]
    const done = await openLink(b, link)
    expect(done.headers.get('location')).toBe('http://app.test/')
    expect((await b.session()).user.email).toBe('grace.hopper@example.com')
    expect((await adapter.getUserByEmail('grace.hopper@example.com'))!.emailVerified).toBeInstanceOf(Date)
  })

  it('a refused recipient gives EmailSignin', async () => {
    const { config } = setup()
    const res = await requestLink(new Browser(config), 'bounce@example.com')
    const loc = new URL(res.headers.get('location')!)
    expect(loc.pathname).toBe('/auth/signin')
    expect(loc.searchParams.get('error')).toBe('EmailSignin')
  })

  it('an address with a header-injection attempt never reaches SMTP', async () => {
    const { config } = setup()
    const before = inbox.length
    const res = await requestLink(new Browser(config), 'ada@example.com\r\nBcc: eve@evil.test')
    expect(new URL(res.headers.get('location')!).searchParams.get('error')).toBe('EmailSignin')
    expect(inbox.length).toBe(before)
  })

  it('an unreachable SMTP server gives EmailSignin, not a 500', async () => {
    const { config } = setup({ host: '127.0.0.1', port: 1, connectionTimeout: 500 }, 'no-reply@app.test')
    const res = await requestLink(new Browser(config), 'ada@example.com')
    expect(res.status).toBe(302)
    expect(new URL(res.headers.get('location')!).searchParams.get('error')).toBe('EmailSignin')
  })
})

describe("core's email / nodemailer providers with Auth.js { server, from }", () => {
  it('send over SMTP through this package (the `smtp` loader hook) and the link signs in', async () => {
    const CoreNodemailer = (await import('@latch/core/providers/nodemailer')).default
    const config: AuthConfig = {
      secret: SECRET,
      url: 'http://app.test',
      logger: quietLogger,
      adapter: MemoryAdapter(),
      providers: [
        CoreNodemailer({
          server: { host: '127.0.0.1', port, secure: false, ignoreTLS: true },
          from: 'Latch <no-reply@app.test>',
          smtp: () => import('../src/index.js'),
        }),
      ],
    }
    const b = new Browser(config)
    const before = inbox.length
    const res = await requestLink(b, 'ada@example.com')
    expect(new URL(res.headers.get('location')!).pathname).toBe('/auth/verify-request')
    expect(inbox.length).toBe(before + 1)
    expect(inbox[inbox.length - 1]!.to).toEqual(['ada@example.com'])
    const link = /http:\/\/app\.test\/auth\/callback\/nodemailer\?[^\s"<]+/.exec(decodeQP(inbox[inbox.length - 1]!.raw))![0]
    await openLink(b, link)
    expect((await b.session()).user.email).toBe('ada@example.com')
  })
})
