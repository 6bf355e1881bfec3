// Passkeys in a real browser (Debian's chromium, playwright-core) with a CDP virtual authenticator (user verification
// on), through the example's /passkeys page (@latch/next/webauthn) and the built-in /api/auth/passkeys page: sign-up,
// sign-out, sign-in (autofill and button), a second device, removal. WebAuthn wants a domain RP ID, so this file runs
// its own `next start` (the build global-setup made) with AUTH_URL=http://localhost:<port>.
import { spawn, type ChildProcess } from 'node:child_process'
import { existsSync } from 'node:fs'
import { createRequire } from 'node:module'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { chromium, type Browser, type Page } from 'playwright-core'
import { freePort } from '@latch/dev-oidc/testing'
import { chromiumLaunchOptions, openWithAuthenticator, replaceVirtualAuthenticator, virtualCredentials, type VirtualDevice } from '@latch/core/testing/chromium'
import { SECRET } from './global-setup'

const launch = chromiumLaunchOptions(process.env.CHROMIUM_PATH)
const CHROMIUM = launch.executablePath
const root = join(dirname(fileURLToPath(import.meta.url)), '..')
let browser: Browser
let child: ChildProcess | undefined
let base = ''

beforeAll(async () => {
  if (!existsSync(CHROMIUM)) throw new Error(`No browser at ${CHROMIUM}: install Debian's chromium`)
  const port = await freePort()
  base = `http://localhost:${port}`
  const nextBin = createRequire(join(root, 'package.json')).resolve('next/dist/bin/next')
  let output = ''
  child = spawn(process.execPath, [nextBin, 'start', '-H', '127.0.0.1', '-p', String(port)], {
    cwd: root,
    detached: true,
    stdio: ['ignore', 'pipe', 'pipe'],
    env: { ...process.env, NODE_ENV: 'production', NEXT_TELEMETRY_DISABLED: '1', AUTH_URL: base, AUTH_SECRET: SECRET },
  })
  child.stdout?.on('data', (d) => (output += d))
  child.stderr?.on('data', (d) => (output += d))
  const deadline = Date.now() + 60_000
  for (;;) {
    if (child.exitCode !== null) throw new Error(`next start exited:\n${output}`)
    if (await fetch(`http://127.0.0.1:${port}/api/auth/providers`).then((r) => r.ok, () => false)) break
    if (Date.now() > deadline) throw new Error(`next start did not answer:\n${output}`)
    await new Promise((r) => setTimeout(r, 250))
  }
  browser = await chromium.launch(launch)
}, 120_000)
afterAll(async () => {
  await browser?.close()
  if (child?.pid && child.exitCode === null) {
    const exited = new Promise((r) => child!.once('exit', r))
    try {
      process.kill(-child.pid, 'SIGTERM')
    } catch {
      // gone
    }
    await Promise.race([exited, new Promise((r) => setTimeout(r, 5_000))])
  }
})

type Device = VirtualDevice
const open = () => openWithAuthenticator(browser)
const credentials = (device: Device) => virtualCredentials(device)

async function sessionEmail(page: Page): Promise<string | null> {
  const body = (await (await page.request.get(`${base}/api/auth/session`)).json()) as { user?: { email?: string } } | null
  return body?.user?.email ?? null
}

describe('example-next passkeys in chromium', () => {
  it('sign up, sign out, sign in (autofill, then the button without autofill), a second device, removal', async () => {
    const { context, page, device } = await open()
    const email = `next-passkey-${process.pid}@example.com`
    await page.goto(`${base}/passkeys`)
    await page.waitForSelector('[data-testid=passkey-sign-up]')
    await page.waitForLoadState('networkidle')
    await page.fill('#passkey-email', email)
    await page.click('[data-testid=passkey-sign-up]')
    await page.waitForSelector(`[data-testid=passkeys-user]:text-is("Signed in as ${email}")`)
    expect(await credentials(device)).toHaveLength(1)

    // Sign out with the server action in the nav.
    await Promise.all([page.waitForURL(`${base}/`), page.click('[data-testid=sign-out]')])
    await page.waitForSelector('[data-testid=nav-user]:text-is("Signed out")')

    // Signed out, /passkeys starts an autofill request; the virtual authenticator answers it as a user picking it.
    await page.goto(`${base}/passkeys`)
    await page.waitForSelector(`[data-testid=passkeys-user]:text-is("Signed in as ${email}")`)
    expect(await sessionEmail(page)).toBe(email)

    // Sign out again. A browser without autofill for passkeys (no conditional mediation): the button signs in.
    await Promise.all([page.waitForURL(`${base}/`), page.click('[data-testid=sign-out]')])
    await page.addInitScript(() => {
      PublicKeyCredential.isConditionalMediationAvailable = async () => false
    })
    await page.goto(`${base}/passkeys`)
    await page.waitForLoadState('networkidle')
    expect(await sessionEmail(page)).toBeNull()
    await page.click('[data-testid=passkey-sign-in]')
    await page.waitForSelector(`[data-testid=passkeys-user]:text-is("Signed in as ${email}")`)

    // A second device adds its passkey to the account.
    const first = (await credentials(device))[0]!
    const second = await replaceVirtualAuthenticator(device)
    await page.click('[data-testid=add-passkey]')
    await expect.poll(async () => (await credentials(second)).length).toBe(1)
    await expect
      .poll(async () => ((await (await page.request.get(`${base}/api/auth/passkeys`, { headers: { accept: 'application/json' } })).json()) as { passkeys: unknown[] }).passkeys.length)
      .toBe(2)

    // The second device signs in in another browser.
    const other = await open()
    await other.device.cdp.send('WebAuthn.addCredential', { authenticatorId: other.device.id, credential: (await credentials(second))[0]! })
    await other.page.goto(`${base}/passkeys`)
    await other.page.waitForSelector(`[data-testid=passkeys-user]:text-is("Signed in as ${email}")`)

    // Remove the first device's passkey on the built-in page; the last one stays.
    await page.goto(`${base}/api/auth/passkeys`)
    expect(await page.locator('input[name=credentialID]').count()).toBe(2)
    await Promise.all([page.waitForURL(/done=removed/), page.click(`li[data-credential-id="${first.credentialId}"] button`)])
    expect(await page.locator('input[name=credentialID]').count()).toBe(1)
    await Promise.all([page.waitForURL(/error=InvalidRequest/), page.click('li[data-credential-id] button')])
    expect(await page.locator('input[name=credentialID]').count()).toBe(1)

    // The removed passkey signs nobody in.
    const old = await open()
    await old.device.cdp.send('WebAuthn.addCredential', { authenticatorId: old.device.id, credential: first })
    await old.page.goto(`${base}/passkeys`)
    // Refused: next-auth/webauthn's behaviour, the browser goes where the server said (the sign-in page, with the error).
    await old.page.waitForURL(/\/api\/auth\/signin\?error=WebAuthnVerificationError/)
    expect(await sessionEmail(old.page)).toBeNull()
    await Promise.all([context.close(), other.context.close(), old.context.close()])
  })
})
