// Two-factor sign-in (TOTP) in a real browser (Debian's chromium through playwright-core) against the Express
// example with config.twoFactor and an in-memory adapter: enrollment through the built-in pages (QR code, first
// code, recovery codes), then a sign-in that asks for the code before any session.
import { existsSync } from 'node:fs'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { chromium, type Browser, type Page } from 'playwright-core'
import { chromiumLaunchOptions } from '@latch/core/testing/chromium'
import { createApp, DEMO_USERS } from '@latch/example-express/app'
import { serveWithDevOidc, type TestServer } from '@latch/dev-oidc/testing'
import { MemoryAdapter } from '@latch/core/adapters/memory'
import { totpCode } from '@latch/core/testing'

const launch = chromiumLaunchOptions(process.env.CHROMIUM_PATH)
const CHROMIUM = launch.executablePath
const user = DEMO_USERS[0]!
let browser: Browser
let server: TestServer

beforeAll(async () => {
  if (!existsSync(CHROMIUM)) throw new Error(`No browser at ${CHROMIUM}: install Debian's chromium (apt-get install -y chromium)`)
  server = await serveWithDevOidc({ clientId: 'express-2fa-browser', clientSecret: 'express-2fa-browser-secret' }, async (baseUrl, oidc) => {
    const adapter = MemoryAdapter()
    await adapter.createUser({ id: user.id, email: user.email, emailVerified: null, name: user.name })
    return createApp({ oidc, config: { url: baseUrl, secret: 'two-factor-browser-secret-0123456789abcdef', adapter, session: { strategy: 'jwt' }, twoFactor: { issuer: 'Latch Express' } } })
  })
  browser = await chromium.launch(launch)
})
afterAll(async () => {
  await browser?.close()
  await server?.close()
})

async function signInWithPassword(page: Page) {
  await page.goto('/auth/signin?callbackUrl=/protected')
  await page.fill('#input-credentials-username', user.username)
  await page.fill('#input-credentials-password', user.password)
  await Promise.all([page.waitForNavigation(), page.click('button:has-text("Sign in with Password")')])
}

describe('two-factor in chromium (express example)', () => {
  it('enrolls through the built-in pages, then signs in with the code', async () => {
    const first = await browser.newContext({ baseURL: server.baseUrl })
    const page = await first.newPage()
    page.setDefaultTimeout(20_000)
    await signInWithPassword(page)
    expect(new URL(page.url()).pathname).toBe('/protected')

    await page.goto('/auth/two-factor-setup')
    await expect(page.textContent('main')).resolves.toContain('is off')
    await Promise.all([page.waitForNavigation(), page.click('button:has-text("Set up")')])
    // The QR code is inline SVG, drawn without any script.
    expect(await page.locator('figure svg').count()).toBe(1)
    expect(await page.locator('script').count()).toBe(0)
    const secret = (await page.textContent('[data-testid=totp-secret]'))!.trim()
    expect(secret).toMatch(/^[A-Z2-7]{32}$/)
    await page.fill('#code', totpCode(secret, Date.now()))
    await Promise.all([page.waitForNavigation(), page.click('button:has-text("Turn on")')])
    const codes = await page.locator('[data-testid=recovery-codes] li').allTextContents()
    expect(codes).toHaveLength(10)
    await Promise.all([page.waitForNavigation(), page.click('a:has-text("Continue")')])
    await expect(page.textContent('main')).resolves.toContain('is on')
    await first.close()

    // A new browser: the password alone leads to the code prompt, and no session.
    const second = await browser.newContext({ baseURL: server.baseUrl })
    const tab = await second.newPage()
    tab.setDefaultTimeout(20_000)
    await signInWithPassword(tab)
    expect(new URL(tab.url()).pathname).toBe('/auth/two-factor')
    expect((await tab.request.get('/api/me', { headers: { accept: 'application/json' } })).status()).toBe(401)
    await tab.fill('#code', '000000' === totpCode(secret, Date.now() + 30_000) ? '111111' : '000000')
    await Promise.all([tab.waitForNavigation(), tab.click('button:has-text("Verify")')])
    await expect(tab.textContent('[role=alert]')).resolves.toContain('wrong or was already used')
    // The next step's code (the first one is used): within the one-step skew.
    await tab.fill('#code', totpCode(secret, Date.now() + 30_000))
    await Promise.all([tab.waitForNavigation(), tab.click('button:has-text("Verify")')])
    expect(new URL(tab.url()).pathname).toBe('/protected')
    const me = await tab.request.get('/api/me', { headers: { accept: 'application/json' } })
    expect(me.status()).toBe(200)
    expect(((await me.json()) as { user: { twoFactorEnabled?: boolean } }).user.twoFactorEnabled).toBe(true)
    await second.close()
  })
})
