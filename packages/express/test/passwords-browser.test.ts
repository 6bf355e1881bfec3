// Passwords in a real browser (Debian's chromium, driven by playwright-core) through the built-in pages of the
// Express example: sign-up → verify → sign-in → forgot → reset → sign-in. No script runs on those pages (CSP).
import { existsSync } from 'node:fs'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { chromium, type Browser, type Page } from 'playwright-core'
import { chromiumLaunchOptions } from '@latch/core/testing/chromium'
import { capturePasswordMail } from '@latch/core/testing'
import { MemoryAdapter } from '@latch/core/adapters/memory'
import Password from '@latch/core/providers/password'
import { serveWithDevOidc } from '@latch/dev-oidc/testing'
import { createApp } from '../../../examples/express/src/app.js'

const launch = chromiumLaunchOptions(process.env.CHROMIUM_PATH)
const CHROMIUM = launch.executablePath
const mail = capturePasswordMail()
let browser: Browser
let server: { baseUrl: string; close(): Promise<void> }

beforeAll(async () => {
  if (!existsSync(CHROMIUM)) throw new Error(`No browser at ${CHROMIUM}: install Debian's chromium`)
  server = await serveWithDevOidc({ clientId: 'express-browser', clientSecret: 'express-browser-secret' }, (url, oidc) =>
    createApp({
      oidc,
      providers: [Password({ scrypt: { ln: 10, r: 8, p: 1 }, ...mail.options })],
      config: { url, secret: 'express-passwords-browser-secret-0123456789abcdef', adapter: MemoryAdapter() },
    }),
  )
  browser = await chromium.launch(launch)
}, 120_000)
afterAll(async () => {
  await browser?.close()
  await server?.close()
})

const mailTo = (kind: string, to: string) => [...mail.sent].reverse().find((m) => m.kind === kind && m.identifier === to)!.url

async function submit(page: Page, button: string) {
  await Promise.all([page.waitForNavigation(), page.click(button)])
}

async function signIn(page: Page, email: string, password: string) {
  await page.fill('#input-password-email', email)
  await page.fill('#input-password-password', password)
  await submit(page, 'form[action$="/auth/callback/password"] button')
}

describe('express: passwords in chromium', () => {
  it('sign-up → verify → sign-in → forgot → reset → sign-in through the built-in pages', async () => {
    const context = await browser.newContext({ baseURL: server.baseUrl })
    const page = await context.newPage()
    page.setDefaultTimeout(20_000)
    const errors: string[] = []
    page.on('pageerror', (e) => errors.push(e.message))
    const email = 'grace@example.com'

    // Signed out, the protected page sends us to the sign-in page; from there, create an account.
    await page.goto('/protected')
    expect(new URL(page.url()).pathname).toBe('/auth/signin')
    await submit(page, 'a:has-text("Create an account")')
    expect(new URL(page.url()).pathname).toBe('/auth/signup/password')
    await page.fill('#signup-email', email)
    await page.fill('#signup-password', 'first password here')
    await submit(page, 'button:has-text("Create account")')
    await page.waitForSelector('h1:has-text("Check your email")')

    // The mailed link opens a confirmation page; its button verifies the address.
    await page.goto(mailTo('verify-email', email))
    await page.waitForSelector('h1:has-text("Verify your email address")')
    await submit(page, 'button:has-text("Verify")')
    await page.waitForSelector('h1:has-text("Email verified")')
    await submit(page, 'a:has-text("Sign in")')
    expect(new URL(page.url()).pathname).toBe('/auth/signin')
    await signIn(page, email, 'first password here')
    expect(new URL(page.url()).pathname).toBe('/protected')
    expect(await page.textContent('pre')).toContain(email)

    // Another browser: forgot password → reset through the mailed link → sign in with the new password.
    const other = await browser.newContext({ baseURL: server.baseUrl })
    const page2 = await other.newPage()
    page2.setDefaultTimeout(20_000)
    await page2.goto('/auth/signin')
    await submit(page2, 'a:has-text("Forgot your password?")')
    await page2.fill('#forgot-email', email)
    await submit(page2, 'button:has-text("Send reset link")')
    await page2.waitForSelector('h1:has-text("Check your email")')
    await page2.goto(mailTo('reset-password', email))
    await page2.waitForSelector('h1:has-text("Choose a new password")')
    await page2.fill('#reset-password', 'second password here')
    await submit(page2, 'button:has-text("Set password")')
    await page2.waitForSelector('h1:has-text("Password changed")')
    await submit(page2, 'a:has-text("Sign in")')
    await signIn(page2, email, 'second password here')
    expect(new URL(page2.url()).pathname).toBe('/')
    expect(await page2.textContent('body')).toContain('Signed in as')

    // The reset ended the first browser's session.
    await page.goto('/protected')
    expect(new URL(page.url()).pathname).toBe('/auth/signin')
    expect(errors).toEqual([])
    await context.close()
    await other.close()
  })
})
