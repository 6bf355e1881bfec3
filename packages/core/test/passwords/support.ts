import type { AuthConfig } from '../../src/index.js'
import type { Adapter } from '../../src/adapters/types.js'
import type { PasswordMailParams, PasswordProviderOptions } from '../../src/providers/password.js'
import Password from '../../src/providers/password.js'
import { MemoryAdapter } from '../../src/adapters/memory.js'
import { confirmationForm } from '../../src/testing/magic-link.js'
import { appSecret, Browser } from '../support/client.js'
import { quietLogger } from '../support/fake-oauth.js'
import { collectBackground } from '../support/background.js'

export type Mail = Pick<PasswordMailParams, 'kind' | 'identifier' | 'url' | 'token' | 'expires'>

/** Cheap scrypt for tests (the default cost is covered in hash.test.ts). */
export const FAST = { ln: 10, r: 8, p: 1 }

export function setup(options: { provider?: Partial<PasswordProviderOptions>; config?: Partial<AuthConfig>; adapter?: Adapter } = {}) {
  const adapter = options.adapter ?? MemoryAdapter()
  const sent: Mail[] = []
  const provider = Password({
    scrypt: FAST,
    ...options.provider,
    sendVerificationRequest: ({ kind, identifier, url, token, expires }) => void sent.push({ kind, identifier, url, token, expires }),
  })
  const events: string[] = []
  const config: AuthConfig = {
    secret: appSecret(),
    url: 'http://app.test',
    logger: quietLogger,
    waitUntil: collectBackground(),
    adapter,
    providers: [provider],
    events: { createUser: () => void events.push('createUser'), signIn: () => void events.push('signIn') },
    ...options.config,
  }
  const last = (kind?: Mail['kind']) => [...sent].reverse().find((m) => !kind || m.kind === kind)!
  return { adapter, sent, last, config, events, provider }
}

const post = async (b: Browser, path: string, form: Record<string, string>, json = false) => {
  const csrfToken = await b.csrf()
  return json ? b.fetch(path, { json: { csrfToken, ...form } }) : b.fetch(path, { form: { csrfToken, ...form }, headers: { accept: 'text/html' } })
}

export const signUp = (b: Browser, email: string, password: string, json = false) => post(b, '/auth/signup/password', { email, password }, json)
export const signIn = (b: Browser, email: string, password: string, json = false) => post(b, '/auth/callback/password', { email, password }, json)
export const forgot = (b: Browser, email: string, json = false) => post(b, '/auth/password/forgot', { email }, json)
export const change = (b: Browser, fields: Record<string, string>, json = false) => post(b, '/auth/password/change', fields, json)

/** Open a mailed link as a person does: GET its page, submit its form (with `extra` fields, e.g. a new password). */
export async function follow(b: Browser, url: string, extra: Record<string, string> = {}): Promise<Response> {
  const u = new URL(url)
  const page = await b.fetch(u.pathname + u.search, { headers: { accept: 'text/html' } })
  if (page.status !== 200) return page
  const form = confirmationForm(await page.text())
  if (!form) throw new Error(`no form on ${u.pathname}`)
  return b.fetch(new URL(form.action).pathname, { form: { ...form.fields, ...extra }, headers: { accept: 'text/html' } })
}

/** Sign up, verify, and return a browser signed in. */
export async function account(env: ReturnType<typeof setup>, email: string, password: string): Promise<Browser> {
  const b = new Browser(env.config)
  await signUp(b, email, password)
  await follow(b, env.last('verify-email').url)
  const res = await signIn(b, email, password)
  if (res.status !== 302 || res.headers.get('location')?.includes('error')) throw new Error(`sign-in failed: ${res.headers.get('location')}`)
  return b
}

export { Browser }
