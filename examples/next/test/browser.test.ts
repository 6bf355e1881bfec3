// A real browser (Debian's chromium, driven by playwright-core) against `next start`: sign in through the
// built-in page and the local OIDC provider, see every protected pattern, sign out, cross-tab sync.
import { existsSync } from 'node:fs'
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest'
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core'
import { chromiumLaunchOptions } from '@latch/core/testing/chromium'

const launch = chromiumLaunchOptions(process.env.CHROMIUM_PATH)
const CHROMIUM = launch.executablePath
const base = inject('baseUrl')
let browser: Browser

beforeAll(async () => {
  if (!existsSync(CHROMIUM)) {
    throw new Error(`No browser at ${CHROMIUM}: install Debian's chromium (apt-get install -y chromium; scripts/setup.mjs does it)`)
  }
  browser = await chromium.launch(launch)
})
afterAll(async () => {
  await browser?.close()
})

async function fresh(): Promise<{ context: BrowserContext; page: Page }> {
  const context = await browser.newContext({ baseURL: base })
  const page = await context.newPage()
  page.setDefaultTimeout(20_000)
  return { context, page }
}

function path(page: Page): string {
  const u = new URL(page.url())
  return u.pathname
}

async function signInWithCredentials(page: Page) {
  await page.fill('#input-credentials-username', 'alice')
  await page.fill('#input-credentials-password', 'wonderland')
  await Promise.all([page.waitForNavigation(), page.click('button:has-text("Sign in with Demo account")')])
}

async function json(page: Page, p: string): Promise<{ status: number; body: any }> {
  const res = await page.request.get(p)
  return { status: res.status(), body: await res.json() }
}

describe('example-next in chromium', () => {
  it('credentials through the built-in page: proxy, server component, getServerSideProps, client, APIs, sign out', async () => {
    const { context, page } = await fresh()
    // Signed out, /admin (proxy.ts) sends us to the built-in sign-in page with a callbackUrl.
    await page.goto('/admin')
    expect(path(page)).toBe('/api/auth/signin')
    expect(new URL(page.url()).searchParams.get('callbackUrl')).toBe(`${base}/admin`)
    await signInWithCredentials(page)
    expect(path(page)).toBe('/admin')
    await expect(page.textContent('[data-testid=admin-user]')).resolves.toContain('Alice Liddell')

    await page.goto('/server')
    await expect(page.textContent('[data-testid=server-user]')).resolves.toContain('Alice Liddell')
    await page.goto('/server-side')
    await expect(page.textContent('[data-testid=gssp-user]')).resolves.toContain('Alice Liddell')
    await page.goto('/client')
    await expect(page.locator('[data-testid=client-user]').textContent()).resolves.toContain('Alice Liddell')

    const me = await json(page, '/api/me')
    expect(me).toMatchObject({ status: 200, body: { user: { email: 'alice@example.com' } } })
    const token = await json(page, '/api/token')
    expect(token).toMatchObject({ status: 200, body: { email: 'alice@example.com' } })
    const v4 = await json(page, '/api/v4-session')
    expect(v4).toMatchObject({ status: 200, body: { user: { name: 'Alice Liddell' } } })
    const pagesApi = await json(page, '/api/pages-me')
    expect(pagesApi).toMatchObject({ status: 200, body: { user: { email: 'alice@example.com' } } })

    // Sign out with the server action in the nav: back home, signed out, /admin redirects again.
    await page.goto('/server')
    await Promise.all([page.waitForURL(`${base}/`), page.click('[data-testid=sign-out]')])
    await page.waitForSelector('[data-testid=nav-user]:text-is("Signed out")')
    await page.waitForSelector('text=You are signed out')
    for (const api of ['/api/me', '/api/token', '/api/v4-session', '/api/pages-me']) expect((await json(page, api)).status, api).toBe(401)
    await page.goto('/admin')
    expect(path(page)).toBe('/api/auth/signin')
    await context.close()
  })

  it('the local OIDC provider via a server action signIn, then client signOut syncs the other tab', async () => {
    const { context, page } = await fresh()
    await page.goto('/')
    await Promise.all([page.waitForURL((u) => u.href.startsWith(inject('oidcIssuer'))), page.click('button:has-text("Sign in with Local OIDC")')])
    await page.fill('input[name=password]', 'anything')
    await Promise.all([page.waitForURL(`${base}/server`), page.click('button:has-text("Sign in")')])
    await expect(page.textContent('[data-testid=server-user]')).resolves.toContain('Ada Lovelace')

    // Two tabs on the client page; signing out in one sends the other to sign in (BroadcastChannel).
    const other = await context.newPage()
    await other.goto('/client')
    await expect(other.locator('[data-testid=client-user]').textContent()).resolves.toContain('Ada Lovelace')
    await page.goto('/client')
    await expect(page.locator('[data-testid=client-user]').textContent()).resolves.toContain('Ada Lovelace')
    await Promise.all([page.waitForURL(`${base}/`), page.click('[data-testid=client-sign-out]')])
    await expect(page.textContent('[data-testid=nav-user]')).resolves.toBe('Signed out')
    await other.waitForURL((u) => u.pathname === '/api/auth/signin' && u.searchParams.get('error') === 'SessionRequired')
    await context.close()
  })

  it('server-action credentials: a wrong password lands on the sign-in page with the error; server sign-out syncs tabs', async () => {
    const { context, page } = await fresh()
    await page.goto('/')
    await page.fill('input[name=password]', 'wrong')
    await Promise.all([page.waitForURL((u) => u.pathname === '/api/auth/signin'), page.click('button:has-text("Sign in with a server action")')])
    expect(new URL(page.url()).searchParams.get('error')).toBe('CredentialsSignin')
    expect((await json(page, '/api/me')).status).toBe(401)
    await page.goto('/')
    await page.fill('input[name=password]', 'wonderland')
    await Promise.all([page.waitForURL(`${base}/server`), page.click('button:has-text("Sign in with a server action")')])
    await expect(page.textContent('[data-testid=server-user]')).resolves.toContain('Alice Liddell')
    // A server-action sign-out re-renders the layout with no session: the other tab hears it and leaves /client.
    const other = await context.newPage()
    await other.goto('/client')
    await expect(other.locator('[data-testid=client-user]').textContent()).resolves.toContain('Alice Liddell')
    await Promise.all([page.waitForURL(`${base}/`), page.click('[data-testid=sign-out]')])
    await other.waitForURL((u) => u.pathname === '/api/auth/signin' && u.searchParams.get('error') === 'SessionRequired')
    await context.close()
  })
})
