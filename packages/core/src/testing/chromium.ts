/**
 * Real-browser test set-up shared by the Chromium tests (`@latch/core/testing/chromium`): Debian's chromium driven by
 * playwright-core, and CDP virtual authenticators for passkeys. Typed structurally, so core does not depend on
 * playwright-core; pass its objects in.
 *
 *   import { chromium } from 'playwright-core'
 *   const browser = await chromium.launch(chromiumLaunchOptions(chromiumPath)) // e.g. from the CHROMIUM_PATH variable
 *   const { context, page, device } = await openWithAuthenticator(browser)
 */

export const DEFAULT_CHROMIUM = '/usr/bin/chromium'

/** Headless, no sandbox (containers), no GPU, and none of the browser's own background traffic. */
export const CHROMIUM_ARGS: readonly string[] = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
  '--disable-quic',
]

/** Options for playwright-core's `chromium.launch()`. */
export function chromiumLaunchOptions(executablePath: string = DEFAULT_CHROMIUM): { executablePath: string; args: string[] } {
  return { executablePath: executablePath || DEFAULT_CHROMIUM, args: [...CHROMIUM_ARGS] }
}

/** A platform authenticator with resident keys that verifies the user (PIN/biometrics) and answers at once. */
export const VIRTUAL_AUTHENTICATOR = {
  protocol: 'ctap2',
  transport: 'internal',
  hasResidentKey: true,
  hasUserVerification: true,
  isUserVerified: true,
  automaticPresenceSimulation: true,
} as const

/** What is used of playwright's CDPSession. */
interface Cdp {
  send(method: string, params?: object): Promise<any>
}

/** A virtual authenticator on a page's CDP session. */
export interface VirtualDevice<S extends Cdp = Cdp> {
  cdp: S
  id: string
}

/** Add a virtual authenticator (WebAuthn domain enabled) to a CDP session. */
export async function addVirtualAuthenticator<S extends Cdp>(cdp: S): Promise<VirtualDevice<S>> {
  await cdp.send('WebAuthn.enable')
  const { authenticatorId } = (await cdp.send('WebAuthn.addVirtualAuthenticator', { options: VIRTUAL_AUTHENTICATOR })) as { authenticatorId: string }
  return { cdp, id: authenticatorId }
}

/** Swap a device's authenticator for a new one (another device on the same page). */
export async function replaceVirtualAuthenticator<S extends Cdp>(device: VirtualDevice<S>): Promise<VirtualDevice<S>> {
  await device.cdp.send('WebAuthn.removeVirtualAuthenticator', { authenticatorId: device.id })
  const { authenticatorId } = (await device.cdp.send('WebAuthn.addVirtualAuthenticator', { options: VIRTUAL_AUTHENTICATOR })) as { authenticatorId: string }
  return { cdp: device.cdp, id: authenticatorId }
}

/** The credentials a virtual authenticator holds. */
export async function virtualCredentials(device: VirtualDevice): Promise<VirtualCredential[]> {
  return ((await device.cdp.send('WebAuthn.getCredentials', { authenticatorId: device.id })) as { credentials: VirtualCredential[] }).credentials
}

/** A credential as CDP's WebAuthn domain gives it (and takes it back in `WebAuthn.addCredential`). */
export interface VirtualCredential {
  credentialId: string
  isResidentCredential: boolean
  privateKey: string
  signCount: number
  rpId?: string
  userHandle?: string
  [k: string]: unknown
}

type Context = { newPage(): Promise<{ setDefaultTimeout(ms: number): void }>; newCDPSession(page: any): Promise<Cdp> }

/** A fresh browser context (its own cookies) and page with a virtual authenticator. */
export async function openWithAuthenticator<C extends Context>(
  browser: { newContext(): Promise<C> },
  timeoutMs = 20_000,
): Promise<{ context: C; page: Awaited<ReturnType<C['newPage']>>; device: VirtualDevice<Awaited<ReturnType<C['newCDPSession']>>> }> {
  const context = await browser.newContext()
  const page = (await context.newPage()) as Awaited<ReturnType<C['newPage']>>
  page.setDefaultTimeout(timeoutMs)
  const cdp = (await context.newCDPSession(page)) as Awaited<ReturnType<C['newCDPSession']>>
  return { context, page, device: await addVirtualAuthenticator(cdp) }
}
