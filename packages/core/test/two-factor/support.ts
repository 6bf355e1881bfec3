import Credentials from '../../src/providers/credentials.js'
import { MemoryAdapter } from '../../src/adapters/memory.js'
import type { Adapter, AuthConfig } from '../../src/index.js'
import type { TwoFactorConfig } from '../../src/two-factor/types.js'
import { totpCode } from '../../src/two-factor/totp.js'
import { Browser, appSecret } from '../support/client.js'
import { MemoryRateLimitStore } from '../../src/rate-limit/memory.js'

export const JSON_HEADERS = { accept: 'application/json' }

/** An app with credentials sign-in (username `ada` or `bob`), the memory adapter and two-factor on; a settable clock. */
export function setup(opts: { strategy?: 'jwt' | 'database'; twoFactor?: TwoFactorConfig; adapter?: Adapter; rateLimit?: AuthConfig['rateLimit'] } = {}) {
  let now = 1_800_000_000
  const adapter = opts.adapter ?? MemoryAdapter()
  const config: AuthConfig = {
    secret: appSecret(),
    url: 'http://app.test',
    adapter,
    session: { strategy: opts.strategy ?? 'jwt', freshAge: 600 },
    clock: () => now,
    twoFactor: opts.twoFactor ?? {},
    // The limiter's windows follow the test clock.
    rateLimit: opts.rateLimit === false ? false : { store: new MemoryRateLimitStore({ now: () => now * 1000 }), ...opts.rateLimit },
    providers: [
      Credentials({
        credentials: { username: {} },
        authorize: async ({ username }) => (typeof username === 'string' && /^[a-z0-9]+$/.test(username) ? adapter.getUserByEmail!(`${username}@example.com`) : null),
      }),
    ],
  }
  return {
    config,
    adapter,
    tick: (s: number) => (now += s),
    now: () => now,
    code: (secret: string, offsetSteps = 0) => totpCode(secret, (now + offsetSteps * 30) * 1000),
    browser: () => new Browser(config),
    async user(name = 'ada') {
      return adapter.createUser!({ id: '', email: `${name}@example.com`, emailVerified: null, name })
    },
  }
}

export type App = ReturnType<typeof setup>

/** Sign in with the first factor; returns the response (a redirect to the code step when 2FA is due). */
export async function firstFactor(b: Browser, username = 'ada', callbackUrl?: string): Promise<Response> {
  return b.signInWithCredentials({ username }, callbackUrl)
}

/** POST a code to the code step (JSON client); the response. */
export async function submitCode(b: Browser, code: string, headers: Record<string, string> = JSON_HEADERS): Promise<Response> {
  const csrfToken = await b.csrf()
  return b.fetch('/auth/two-factor', { form: { csrfToken, code }, headers })
}

export async function setupPost(b: Browser, fields: Record<string, string>): Promise<Response> {
  const csrfToken = await b.csrf()
  return b.fetch('/auth/two-factor-setup', { form: { csrfToken, ...fields }, headers: JSON_HEADERS })
}

/** Sign in (no 2FA yet), enroll and confirm; returns the plain secret and the recovery codes. */
export async function enroll(app: App, b: Browser, username = 'ada'): Promise<{ secret: string; recoveryCodes: string[] }> {
  const first = await firstFactor(b, username)
  if (first.status !== 302) throw new Error(`first factor: ${first.status}`)
  const started = await setupPost(b, { intent: 'enroll' })
  if (started.status !== 200) throw new Error(`enroll: ${started.status} ${await started.text()}`)
  const { secret } = (await started.json()) as { secret: string }
  const confirmed = await setupPost(b, { intent: 'confirm', code: app.code(secret) })
  if (confirmed.status !== 200) throw new Error(`confirm: ${confirmed.status} ${await confirmed.text()}`)
  const { recoveryCodes } = (await confirmed.json()) as { recoveryCodes: string[] }
  // The code just used stays used: later sign-ins in the test move to the next step.
  app.tick(30)
  return { secret, recoveryCodes }
}
