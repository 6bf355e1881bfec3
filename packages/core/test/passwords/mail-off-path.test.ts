import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import type { PasswordMailParams } from '../../src/providers/password.js'
import { setWaitUntil } from '../../src/index.js'
import { EmailSignin } from '../../src/errors.js'
import { Browser, account, forgot, setup, signUp } from './support.js'

/**
 * The mails whose presence depends on whether an account exists go out after the answer (background/run.ts), so
 * how long the mail takes tells nothing. No timed assertions: the sender is held until the test lets it go (or,
 * if the answer waited for it, until a 2 s fallback, which then fails the test), and the test checks that each
 * answer came while the sender was still held.
 */
function slowSender() {
  let release!: () => void
  const held = new Promise<void>((r) => (release = r))
  const state = { started: 0, finished: 0, mails: [] as Pick<PasswordMailParams, 'kind' | 'identifier'>[] }
  const send = async ({ kind, identifier }: PasswordMailParams) => {
    state.started++
    await Promise.race([held, new Promise((r) => setTimeout(r, 2000))])
    state.finished++
    state.mails.push({ kind, identifier })
  }
  return { state, send, release }
}

function env(waitUntil: ((p: Promise<unknown>) => void) | undefined, send: (p: PasswordMailParams) => Promise<void>, logger = { error: (_: Error) => {}, warn: () => {}, debug: () => {} }) {
  const e = setup()
  let sendNow: (p: PasswordMailParams) => Promise<void> = async (p) => void e.sent.push(p)
  const config = { ...e.config, logger, waitUntil, providers: [{ ...e.provider, sendVerificationRequest: (p: PasswordMailParams) => sendNow(p) }] }
  /** Sign up and verify an account with the fast sender, waiting for its mails (test support's collector). */
  const existing = (email: string) => account({ ...e, config: { ...config, waitUntil: e.config.waitUntil } }, email, 'first password here')
  return { ...e, config, existing, slow: () => (sendNow = send) }
}

let unhandled: unknown[] = []
const onUnhandled = (reason: unknown) => void unhandled.push(reason)
beforeEach(() => {
  unhandled = []
  process.on('unhandledRejection', onUnhandled)
})
afterEach(() => void process.off('unhandledRejection', onUnhandled))

describe('passwords: mails off the response path', () => {
  it('forgot password answers a known and an unknown address without waiting for the mail; the mail still arrives', async () => {
    const handed: Promise<unknown>[] = []
    const sender = slowSender()
    const e = env((p) => void handed.push(p), sender.send)
    await e.existing('known@example.com')
    e.slow()
    const known = await forgot(new Browser(e.config), 'known@example.com', true)
    expect(known.status).toBe(200)
    const unknown = await forgot(new Browser(e.config), 'nobody@example.com', true)
    expect(unknown.status).toBe(200)
    expect(await known.json()).toEqual(await unknown.json())
    // Both answers came while the mail to the known address was still being sent.
    expect(sender.state.finished).toBe(0)
    expect(handed).toHaveLength(1)
    sender.release()
    await Promise.all(handed)
    expect(sender.state.mails).toEqual([{ kind: 'reset-password', identifier: 'known@example.com' }])
  })

  it('sign-up answers a new and a taken address without waiting for either mail; both arrive', async () => {
    const handed: Promise<unknown>[] = []
    const sender = slowSender()
    const e = env((p) => void handed.push(p), sender.send)
    await e.existing('taken@example.com')
    e.slow()
    const taken = await signUp(new Browser(e.config), 'taken@example.com', 'another password', true)
    const fresh = await signUp(new Browser(e.config), 'fresh@example.com', 'another password', true)
    expect([taken.status, await taken.json()]).toEqual([fresh.status, await fresh.json()])
    expect(sender.state.finished).toBe(0)
    sender.release()
    await Promise.all(handed)
    expect(sender.state.mails.map((m) => m.kind).sort()).toEqual(['account-exists', 'verify-email'])
  })

  it('without any waitUntil the mail still goes out; a failing sender is logged, never an unhandled rejection', async () => {
    const errors: Error[] = []
    let logged!: () => void
    const wasLogged = new Promise<void>((r) => (logged = r))
    const e = env(undefined, async () => {
      throw new Error('smtp down')
    }, { error: (err: Error) => (errors.push(err), logged()), warn: () => {}, debug: () => {} })
    await e.existing('known@example.com')
    e.slow()
    const res = await forgot(new Browser(e.config), 'known@example.com', true)
    expect(res.status).toBe(200)
    await wasLogged
    await new Promise((r) => setTimeout(r, 20))
    expect(errors[0]).toBeInstanceOf(EmailSignin)
    expect(unhandled).toEqual([])
  })

  it("the platform's hook recorded on the request is used, and one that throws changes nothing", async () => {
    const sender = slowSender()
    sender.release()
    const e = env(undefined, sender.send)
    await e.existing('known@example.com')
    e.slow()
    const csrf = new Browser(e.config)
    const token = await csrf.csrf()
    const handed: Promise<unknown>[] = []
    const request = (email: string) => new Request('http://app.test/auth/password/forgot', {
      method: 'POST',
      headers: { 'content-type': 'application/json', cookie: csrf.cookieHeader() },
      body: JSON.stringify({ csrfToken: token, email }),
    })
    const { Auth } = await import('../../src/index.js')
    expect((await Auth(setWaitUntil(request('known@example.com'), (p) => void handed.push(p)), e.config)).status).toBe(200)
    expect(handed).toHaveLength(1)
    await Promise.all(handed)
    const throwing = await Auth(setWaitUntil(request('known@example.com'), () => { throw new Error('outside a request scope') }), e.config)
    expect(throwing.status).toBe(200)
    await new Promise((r) => setTimeout(r, 50))
    expect(sender.state.mails).toHaveLength(2)
    expect(unhandled).toEqual([])
  })
})
