// Passkeys in a real browser (Debian's chromium through playwright-core) with a CDP virtual authenticator
// (user verification on), against examples/express with the passkey provider and an in-memory adapter:
// - the built-in pages: sign-up, sign-out, sign-in, autofill (conditional UI), a second device, removal;
// - next-auth/webauthn's own client (5.0.0-beta.32, unchanged) and @latch/core/webauthn-client driving Latch.
// WebAuthn needs a secure context and a domain RP ID: the app is http://localhost:<port> (loopback is secure).
import { existsSync } from 'node:fs'
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http'
import type { AddressInfo } from 'node:net'
import { createRequire } from 'node:module'
import { fileURLToPath } from 'node:url'
import { build } from 'esbuild'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { chromium, type Browser, type Page } from 'playwright-core'
import { createApp } from '@latch/example-express/app'
import { MemoryAdapter } from '@latch/core/adapters/memory'
import Passkey from '@latch/core/providers/passkey'
import Password from '@latch/core/providers/password'
import { capturePasswordMail } from '@latch/core/testing'
import { chromiumLaunchOptions, openWithAuthenticator, replaceVirtualAuthenticator, virtualCredentials, type VirtualDevice } from '@latch/core/testing/chromium'

const launch = chromiumLaunchOptions(process.env.CHROMIUM_PATH)
const CHROMIUM = launch.executablePath
const here = fileURLToPath(new URL('..', import.meta.url))
// next-auth peers @simplewebauthn/browser ^9 and does not install it; the one @latch/core ships (14) still takes
// v9's call shape (it warns and continues), so next-auth's module runs unchanged on it.
const simpleWebAuthnBrowser = createRequire(fileURLToPath(new URL('../../../packages/core/package.json', import.meta.url))).resolve('@simplewebauthn/browser')

let browser: Browser
let server: Server
let base = ''
// A second app whose passkey sign-up proves the address by mail first (a Password provider's sender next to it).
let mailServer: Server
let mailBase = ''
const mail = capturePasswordMail()
const scripts = new Map<string, string>()

async function bundle(entry: string, alias: Record<string, string>): Promise<string> {
  const result = await build({
    absWorkingDir: here,
    stdin: { contents: entry, resolveDir: fileURLToPath(new URL('.', import.meta.url)), loader: 'js' },
    bundle: true,
    write: false,
    format: 'iife',
    platform: 'browser',
    target: 'es2022',
    conditions: ['latch-source'],
    alias: { '@simplewebauthn/browser': simpleWebAuthnBrowser, ...alias },
    define: { 'process.env.NODE_ENV': '"production"', 'process.env.NEXTAUTH_URL': JSON.stringify('http://localhost/auth'), 'process.env': '{}' },
    logLevel: 'silent',
  })
  return result.outputFiles[0]!.text
}

beforeAll(async () => {
  if (!existsSync(CHROMIUM)) throw new Error(`No browser at ${CHROMIUM}: install Debian's chromium`)
  scripts.set('next-auth', await bundle(`import * as c from 'next-auth-b32/webauthn'; window.passkeys = c; document.body.dataset.ready = '1'`, {}))
  scripts.set('latch', await bundle(`import * as c from '@latch/core/webauthn-client'; window.passkeys = c; document.body.dataset.ready = '1'`, {}))
  server = createServer()
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r))
  base = `http://localhost:${(server.address() as AddressInfo).port}`
  const app = createApp({
    providers: [Passkey],
    config: { url: `${base}/auth`, secret: 'passkeys-browser-secret-0123456789abcdef', adapter: MemoryAdapter(), session: { strategy: 'jwt' }, logger: { warn() {} } },
  })
  server.on('request', (req, res) => clientPages(req, res) || app(req, res))
  mailServer = createServer()
  await new Promise<void>((r) => mailServer.listen(0, '127.0.0.1', r))
  mailBase = `http://localhost:${(mailServer.address() as AddressInfo).port}`
  const mailApp = createApp({
    providers: [Passkey, Password({ scrypt: { ln: 4, r: 8, p: 1 }, ...mail.options })],
    config: { url: `${mailBase}/auth`, secret: 'passkeys-browser-mail-secret-0123456789abcdef', adapter: MemoryAdapter(), session: { strategy: 'jwt' }, logger: { warn() {} } },
  })
  mailServer.on('request', (req, res) => clientPages(req, res) || mailApp(req, res))
  browser = await chromium.launch(launch)
}, 120_000)
afterAll(async () => {
  await browser?.close()
  await new Promise((r) => server?.close(r))
  await new Promise((r) => mailServer?.close(r))
})

/** The test pages that load a bundled browser client (/client/<name>); false for anything else. */
function clientPages(req: IncomingMessage, res: ServerResponse): boolean {
  const m = /^\/client\/([\w-]+)$/.exec(req.url ?? '')
  if (m && scripts.has(m[1]!)) {
    res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' })
    res.end(`<!doctype html><html><head><meta charset="utf-8"></head><body><input id="email" autocomplete="username webauthn"><script src="/client-js/${m[1]}.js"></script></body></html>`)
    return true
  }
  const js = /^\/client-js\/([\w-]+)\.js$/.exec(req.url ?? '')
  if (js && scripts.has(js[1]!)) {
    res.writeHead(200, { 'content-type': 'text/javascript; charset=utf-8' })
    res.end(scripts.get(js[1]!))
    return true
  }
  return false
}

type Device = VirtualDevice

/** A browser context (its own cookies) with a virtual platform authenticator that verifies the user. */
const open = () => openWithAuthenticator(browser)
/** Swap the page's authenticator for a new one (another device); returns it. */
const newDevice = (device: Device) => replaceVirtualAuthenticator(device)
const credentials = (device: Device) => virtualCredentials(device)

async function sessionEmail(page: Page, at = base): Promise<string | null> {
  const res = await page.request.get(`${at}/auth/session`)
  const body = (await res.json()) as { user?: { email?: string } } | null
  return body?.user?.email ?? null
}

let n = 0
const address = () => `browser-${process.pid}-${++n}@example.com`

describe('passkeys in chromium: examples/express with the built-in pages', () => {
  it('sign up, sign out, sign in, a second device, removal (never the last)', async () => {
    const { context, page, device } = await open()
    const email = address()
    await page.goto(`${base}/auth/signin?callbackUrl=${encodeURIComponent(`${base}/protected`)}`)
    await page.fill('#input-passkey-email', email)
    await Promise.all([page.waitForURL(`${base}/protected`), page.click('button[data-passkey=register]')])
    expect(await sessionEmail(page)).toBe(email)
    expect(await credentials(device)).toHaveLength(1)

    // Sign out through the built-in page.
    await page.goto(`${base}/auth/signout`)
    await Promise.all([page.waitForURL((u) => !u.pathname.startsWith('/auth/signout')), page.click('button[type=submit]')])
    expect(await sessionEmail(page)).toBeNull()

    // Sign in again: the page's conditional (autofill) request finds the passkey. The virtual authenticator
    // answers it at once, as a user picking the passkey from the email field's autofill would.
    await page.goto(`${base}/auth/signin?callbackUrl=${encodeURIComponent(`${base}/protected`)}`)
    await page.waitForURL(`${base}/protected`)
    expect(await sessionEmail(page)).toBe(email)

    // A second device: the built-in passkeys page adds its passkey to the account.
    const first = (await credentials(device))[0]!
    const second = await newDevice(device)
    await page.goto(`${base}/auth/passkeys`)
    await Promise.all([page.waitForURL(`${base}/auth/passkeys?done=added`), page.click('button[data-passkey=register]')])
    expect(await page.locator('input[name=credentialID]').count()).toBe(2)
    expect(await credentials(second)).toHaveLength(1)

    // The second device signs in elsewhere.
    const other = await open()
    await other.device.cdp.send('WebAuthn.addCredential', { authenticatorId: other.device.id, credential: (await credentials(second))[0]! })
    await other.page.goto(`${base}/auth/signin?callbackUrl=${encodeURIComponent(`${base}/protected`)}`)
    await other.page.waitForURL(`${base}/protected`)
    expect(await sessionEmail(other.page)).toBe(email)

    // Remove the first device's passkey; the last one cannot be removed.
    const firstId = Buffer.from(first.credentialId, 'base64').toString('base64')
    await Promise.all([page.waitForURL(`${base}/auth/passkeys?done=removed`), page.click(`li[data-credential-id="${firstId}"] button`)])
    expect(await page.locator('input[name=credentialID]').count()).toBe(1)
    await Promise.all([page.waitForURL(/error=InvalidRequest/), page.click('li[data-credential-id] button')])
    await expect(page.textContent('[role=alert]')).resolves.toContain('only way left')
    expect(await page.locator('input[name=credentialID]').count()).toBe(1)

    // The removed passkey no longer signs in.
    const old = await open()
    await old.device.cdp.send('WebAuthn.addCredential', { authenticatorId: old.device.id, credential: first })
    await old.page.goto(`${base}/auth/signin`)
    await old.page.waitForSelector('#latch-passkey-status:not([hidden])')
    await expect(old.page.textContent('#latch-passkey-status')).resolves.toContain('could not be verified')
    expect(await sessionEmail(old.page)).toBeNull()
    await Promise.all([context.close(), other.context.close(), old.context.close()])
  })

  it('conditional UI: autofill is offered on the sign-in page; without it, the sign-in button works', async () => {
    const { context, page } = await open()
    const email = address()
    await page.goto(`${base}/auth/signin`)
    expect(await page.evaluate(() => PublicKeyCredential.isConditionalMediationAvailable())).toBe(true)
    expect(await page.getAttribute('#input-passkey-email', 'autocomplete')).toBe('username webauthn')
    await page.fill('#input-passkey-email', email)
    await Promise.all([page.waitForURL(`${base}/`), page.click('button[data-passkey=register]')])
    await page.context().clearCookies()
    // The page asks for a passkey with conditional mediation on load; the virtual authenticator answers as a user
    // picking the passkey from the email field's autofill would: signed in without a click.
    const conditional = page.waitForResponse((r) => r.url().includes('/webauthn-options/passkey?action=authenticate'))
    await page.goto(`${base}/auth/signin?callbackUrl=${encodeURIComponent(`${base}/protected`)}`)
    await conditional
    await page.waitForURL(`${base}/protected`)
    expect(await sessionEmail(page)).toBe(email)

    // A browser without passkey autofill: nothing starts on load, the button signs in.
    await page.context().clearCookies()
    await page.addInitScript(() => {
      PublicKeyCredential.isConditionalMediationAvailable = async () => false
    })
    await page.goto(`${base}/auth/signin?callbackUrl=${encodeURIComponent(`${base}/protected`)}`)
    await page.waitForLoadState('networkidle')
    expect(new URL(page.url()).pathname).toBe('/auth/signin')
    await Promise.all([page.waitForURL(`${base}/protected`), page.click('button[data-passkey=authenticate]')])
    expect(await sessionEmail(page)).toBe(email)
    await context.close()
  })
})

declare global {
  interface Window {
    passkeys: Record<string, (...args: unknown[]) => Promise<any>>
  }
}

describe.each(['next-auth', 'latch'] as const)('passkeys in chromium: the %s browser client against Latch', (client) => {
  it('registers (sign-up), signs out, authenticates, and adds a passkey when signed in', async () => {
    const { context, page, device } = await open()
    const email = address()
    await page.goto(`${base}/client/${client}`)
    await page.waitForSelector('body[data-ready="1"]')
    const signUp = await page.evaluate((email) => window.passkeys.signIn!('passkey', { action: 'register', email, redirect: false }), email)
    expect(signUp).toMatchObject({ ok: true, error: null, status: 200 })
    expect(await sessionEmail(page)).toBe(email)
    await page.context().clearCookies()
    const signIn = await page.evaluate(() => window.passkeys.signIn!('passkey', { action: 'authenticate', redirect: false }))
    expect(signIn).toMatchObject({ ok: true, error: null })
    expect(await sessionEmail(page)).toBe(email)
    await newDevice(device)
    const add = await page.evaluate(() => window.passkeys.signIn!('passkey', { action: 'register', redirect: false }))
    expect(add).toMatchObject({ ok: true, error: null })
    const list = await page.request.get(`${base}/auth/passkeys`, { headers: { accept: 'application/json' } })
    expect(((await list.json()) as { passkeys: unknown[] }).passkeys).toHaveLength(2)
    // Redirecting (the default): the browser lands on redirectTo / callbackUrl.
    await page.context().clearCookies()
    await Promise.all([
      page.waitForURL(`${base}/protected`),
      page.evaluate((target) => void window.passkeys.signIn!('passkey', { action: 'authenticate', callbackUrl: target, redirectTo: target }), `${base}/protected`),
    ])
    expect(await sessionEmail(page)).toBe(email)
    await context.close()
  })
})

describe('passkeys in chromium: sign-up with the address proven by mail (signUp: verify-email)', () => {
  const mailTo = async (kind: string, to: string) => {
    await expect.poll(() => mail.sent.some((m) => m.kind === kind && m.identifier === to)).toBe(true)
    return mail.sent.filter((m) => m.kind === kind && m.identifier === to).pop()!.url
  }

  it('the sign-in page mails a link; the link page creates the passkey and signs in, once; an address with an account is told', async () => {
    const { context, page, device } = await open()
    const email = address()
    // The built-in sign-in page: "Create an account with a passkey" creates nothing yet, it says to check the mail.
    await page.goto(`${mailBase}/auth/signin`)
    await page.fill('#input-passkey-email', email)
    await Promise.all([page.waitForURL(/\/auth\/verify-request/), page.click('button[data-passkey=register]')])
    expect(await credentials(device)).toHaveLength(0)
    expect(await sessionEmail(page, mailBase)).toBeNull()

    // The mailed link: its page's button runs the registration ceremony for the proven address.
    const link = await mailTo('passkey-sign-up', email)
    await page.goto(link)
    await Promise.all([page.waitForURL((u) => !u.pathname.startsWith('/auth/passkey-sign-up')), page.click('button[data-passkey=register]')])
    expect(await sessionEmail(page, mailBase)).toBe(email)
    expect(await credentials(device)).toHaveLength(1)

    // The link works once: in another browser it ends on the error page, without a session or a passkey.
    const other = await open()
    await other.page.goto(link)
    await Promise.all([other.page.waitForURL(/error=Verification/), other.page.click('button[data-passkey=register]')])
    expect(await sessionEmail(other.page, mailBase)).toBeNull()
    expect(await credentials(other.device)).toHaveLength(0)

    // The same address again, signed out: the same page as for a new address; its owner gets "account exists".
    const again = await open()
    await again.page.goto(`${mailBase}/client/latch`)
    await again.page.waitForSelector('body[data-ready="1"]')
    const answer = await again.page.evaluate((email) => window.passkeys.signIn!('passkey', { action: 'register', email, redirect: false }), email)
    expect(answer).toMatchObject({ ok: true, error: null, verificationSent: true })
    expect(new URL(answer.url).pathname).toBe('/auth/verify-request')
    expect(new URL(await mailTo('passkey-account-exists', email)).pathname).toBe('/auth/signin')
    expect(await credentials(again.device)).toHaveLength(0)
    await Promise.all([context.close(), other.context.close(), again.context.close()])
  })
})
