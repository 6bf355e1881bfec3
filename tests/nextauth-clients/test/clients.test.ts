// next-auth/react 4.24, 5.0.0-beta.30 and 5.0.0-beta.32 (unchanged, from npm) and @latch/next/react, each bundled
// into a page and driven in a real browser (Debian's chromium through playwright-core) against a Latch server
// (examples/express, and @latch/next's route handlers at /api/auth): getCsrfToken, getProviders, getSession, signIn with credentials, email and OIDC (the
// browser follows the redirects through the local provider's login form and back), update() and signOut().
import { existsSync } from 'node:fs'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core'
import { chromiumLaunchOptions } from '@latch/core/testing/chromium'
import { CLIENTS, slug, startExpress, startNext, type ClientName, type Harness, type ServerName } from './harness.js'

const launch = chromiumLaunchOptions(process.env.CHROMIUM_PATH)
const CHROMIUM = launch.executablePath
let browser: Browser
const servers = {} as Record<ServerName, Harness>

beforeAll(async () => {
  if (!existsSync(CHROMIUM)) {
    throw new Error(`No browser at ${CHROMIUM}: install Debian's chromium (apt-get install -y chromium; scripts/setup.mjs does it)`)
  }
  let express: Harness, next: Harness
  ;[browser, express, next] = await Promise.all([
    chromium.launch(launch),
    startExpress(),
    startNext(),
  ])
  Object.assign(servers, { express, next })
})
afterAll(async () => {
  await browser?.close()
  await Promise.all(Object.values(servers).map((s) => s.close()))
})

declare global {
  interface Window {
    client: Record<string, (...args: unknown[]) => Promise<any>>
    sessionValue: { status: string; data: any; update: (data?: unknown) => Promise<any> }
  }
}

interface Opened {
  context: BrowserContext
  page: Page
  /** Uncaught exceptions and failed requests in the page. */
  problems: string[]
  /** console.error lines of the page. */
  consoleErrors: string[]
  home: string
}

async function open(server: Harness, name: ClientName, query = ''): Promise<Opened> {
  const context = await browser.newContext()
  const page = await context.newPage()
  page.setDefaultTimeout(15_000)
  const problems: string[] = []
  const consoleErrors: string[] = []
  page.on('pageerror', (e) => problems.push(`pageerror: ${e.message}`))
  page.on('requestfailed', (r) => problems.push(`requestfailed: ${r.method()} ${r.url()} ${r.failure()?.errorText}`))
  page.on('console', (m) => {
    // The browser's own favicon requests (the provider's login page has none) are not the client's doing.
    if (m.type() === 'error' && !m.location().url.endsWith('/favicon.ico')) consoleErrors.push(`${m.text()} @ ${m.location().url}`)
  })
  const home = `${server.baseUrl}/client/${slug(name)}`
  await page.goto(home + query)
  await settled(page)
  return { context, page, problems, consoleErrors, home }
}

/** The SessionProvider has loaded the session. */
async function settled(page: Page, status?: 'authenticated' | 'unauthenticated') {
  await page.waitForSelector(status ? `#status[data-status=${status}]` : '#status:not([data-status=loading])')
}

function call(page: Page, fn: string, ...args: unknown[]): Promise<any> {
  return page.evaluate(([fn, args]) => window.client[fn as string]!(...(args as unknown[])), [fn, args] as const)
}

/** Start a call that navigates the page away (it never resolves in this document) and wait for the new page. */
async function navigatingCall(page: Page, url: string | RegExp, fn: string, ...args: unknown[]): Promise<void> {
  await Promise.all([
    page.waitForURL(url, { waitUntil: 'load' }),
    page.evaluate(([fn, args]) => void window.client[fn as string]!(...(args as unknown[])), [fn, args] as const),
  ])
}

// Each test has its own browser context (its own cookies); they run side by side.
/**
 * No client logs an error, but for one known next-auth v4 line: its getSession() reads a signed-out `null`
 * (Auth.js v5's answer, which v5 clients need) with Object.keys and logs CLIENT_FETCH_ERROR before returning null.
 * It beacons that to /_log, which Latch accepts (no 404 in the console).
 */
function expectQuietConsole(name: ClientName, lines: string[]) {
  const known = /^\[next-auth\]\[error\]\[CLIENT_FETCH_ERROR\][\s\S]*Cannot convert undefined or null to object[\s\S]*url: \/(api\/)?auth\/session/
  expect(lines.filter((l) => !(name === 'next-auth@4.24' && known.test(l)))).toEqual([])
}

const CASES = (['express', 'next'] as const).flatMap((s) => (Object.keys(CLIENTS) as ClientName[]).map((c) => [c, s] as const))

describe.concurrent.each(CASES)('%s against the %s server', (name, serverName) => {
  it('getCsrfToken, getProviders, getSession; credentials signIn (redirect: false, then redirecting), update, signOut (both ways)', async () => {
    const { context, page, problems, consoleErrors, home } = await open(servers[serverName], name)
    try {
      const csrf = await call(page, 'getCsrfToken')
      expect(csrf).toMatch(/^[0-9a-f]{32,}/)
      const providers = await call(page, 'getProviders')
      expect(Object.keys(providers).sort()).toEqual(['credentials', 'dev-oidc', 'email'])
      expect(providers.credentials).toMatchObject({ id: 'credentials', type: 'credentials', signinUrl: `${servers[serverName].baseUrl}${servers[serverName].basePath}/signin/credentials` })
      expect(providers['dev-oidc']).toMatchObject({ type: 'oidc', callbackUrl: `${servers[serverName].baseUrl}${servers[serverName].basePath}/callback/dev-oidc` })
      expect(await call(page, 'getSession')).toBeNull()

      // A wrong password: an error the app can show, no session.
      const refused = await call(page, 'signIn', 'credentials', { redirect: false, username: 'alice', password: 'nope' })
      expect(refused).toMatchObject({ error: 'CredentialsSignin', url: null })
      expect(await call(page, 'getSession')).toBeNull()

      const ok = await call(page, 'signIn', 'credentials', { redirect: false, username: 'alice', password: 'wonderland', callbackUrl: `${home}?after=signin` })
      expect(ok).toMatchObject({ ok: true, status: 200, url: `${home}?after=signin` })
      expect(ok.error ?? null).toBeNull()
      expect((await call(page, 'getSession'))?.user).toMatchObject({ name: 'Alice Liddell', email: 'alice@example.com' })
      await settled(page, 'authenticated')

      // useSession().update(data): the jwt callback sees trigger "update"; the new cookie holds the change.
      const updated = await page.evaluate(() => window.sessionValue.update({ name: 'Alice L.' }))
      expect(updated?.user?.name).toBe('Alice L.')
      expect((await call(page, 'getSession'))?.user?.name).toBe('Alice L.')

      const out = await call(page, 'signOut', { redirect: false, callbackUrl: `${home}?after=signout` })
      expect(out).toMatchObject({ url: `${home}?after=signout` })
      expect(await call(page, 'getSession')).toBeNull()
      await settled(page, 'unauthenticated')

      // The redirecting forms: the browser lands on the callbackUrl, signed in, then signed out.
      await navigatingCall(page, `${home}?again=1`, 'signIn', 'credentials', { username: 'alice', password: 'wonderland', callbackUrl: `${home}?again=1` })
      await settled(page, 'authenticated')
      expect((await call(page, 'getSession'))?.user?.name).toBe('Alice Liddell')
      await navigatingCall(page, `${home}?bye=1`, 'signOut', { callbackUrl: `${home}?bye=1` })
      await settled(page, 'unauthenticated')
      expect(await call(page, 'getSession')).toBeNull()
      expect(problems).toEqual([])
      expectQuietConsole(name, consoleErrors)
    } finally {
      await context.close()
    }
  })

  // E-mail sign-in runs the same core code behind either server: registered for Express only, to keep the suite short.
  if (serverName === 'express') it('email signIn: the magic link signs the browser in', async () => {
    const { context, page, problems, consoleErrors, home } = await open(servers[serverName], name)
    try {
      const email = `${slug(name).toLowerCase()}@example.com`
      const sent = await call(page, 'signIn', 'email', { email, redirect: false, callbackUrl: `${home}?after=email` })
      expect(sent).toMatchObject({ ok: true, status: 200 })
      expect(sent.error ?? null).toBeNull()
      expect(sent.url).toMatch(`${servers[serverName].baseUrl}${servers[serverName].basePath}/verify-request`)
      const link = servers[serverName].mailbox.get(email)
      expect(link).toMatch(`${servers[serverName].baseUrl}${servers[serverName].basePath}/callback/email?`)
      // The link opens a confirmation page (nothing is consumed by a GET); its button signs in.
      await page.goto(link!)
      expect(page.url()).toBe(link)
      await Promise.all([page.waitForURL(`${home}?after=email`), page.click('form[method="POST"] button[type="submit"]')])
      expect(page.url()).toBe(`${home}?after=email`)
      await settled(page, 'authenticated')
      expect((await call(page, 'getSession'))?.user?.email).toBe(email)
      expect(problems).toEqual([])
      expectQuietConsole(name, consoleErrors)
    } finally {
      await context.close()
    }
  })

  it('OIDC signIn: through the provider login form and back, signed in', async () => {
    const { context, page, problems, consoleErrors, home } = await open(servers[serverName], name)
    try {
      await navigatingCall(page, /\/interaction\//, 'signIn', 'dev-oidc', { callbackUrl: `${home}?after=oidc` }, { login_hint: 'ada' })
      await Promise.all([page.waitForURL(`${home}?after=oidc`), page.click('button[type=submit]')])
      await settled(page, 'authenticated')
      expect((await call(page, 'getSession'))?.user).toMatchObject({ name: 'Ada Lovelace', email: 'ada@example.com' })
      expect(problems).toEqual([])
      expectQuietConsole(name, consoleErrors)
    } finally {
      await context.close()
    }
  })
})
