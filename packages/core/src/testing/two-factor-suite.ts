/**
 * The two-factor suite every framework package runs over HTTP (config.twoFactor on, an adapter with the two-factor
 * methods, and an account the credentials provider signs in that is not enrolled yet). Real time: the suite uses
 * two TOTP time steps (now, and the next one within the skew) and recovery codes for the rest. Edge-safe.
 *
 *   defineTwoFactorSuite({ name: 'hono', start, protectedApi: '/api/me', credentials: { username, password } })
 */
import { describe, expect, it } from 'vitest'
import { CookieJar } from './cookie-jar.js'
import { liveApp, type LiveAppOptions } from './live-app.js'
import { totpCode } from '../two-factor/totp.js'
import type { TwoFactorConfig } from '../two-factor/types.js'
import { MemoryAdapter } from '../adapters/memory.js'

export { totpCode }

export interface TwoFactorSuiteOptions extends LiveAppOptions {
  name: string
  /** A JSON endpoint that needs a session: 401 when signed out. */
  protectedApi: string
}

/** `credentials` must name an account without 2FA: the suite enrolls it, uses it, and turns 2FA off again. */
export function defineTwoFactorSuite(options: TwoFactorSuiteOptions): void {
  const app = liveApp(options)
  const { basePath, send, url } = app
  let secret = ''
  let recoveryCodes: string[] = []
  let step = 0

  const csrf = (jar: CookieJar) => app.csrfToken(jar)
  async function signIn(jar: CookieJar, callbackUrl = options.protectedApi) {
    const res = await app.signIn(jar, { callbackUrl })
    await res.text()
    return res
  }
  async function session(jar: CookieJar): Promise<any> {
    return (await send(`${basePath}/session`, { jar })).json()
  }
  async function post(jar: CookieJar, path: string, form: Record<string, string>, accept = 'application/json') {
    return send(`${basePath}/${path}`, { method: 'POST', jar, headers: { accept }, form: { csrfToken: await csrf(jar), ...form } })
  }
  const code = (offset = 0) => totpCode(secret, (step + offset) * 30_000)
  async function api(jar: CookieJar) {
    const res = await send(options.protectedApi, { jar, headers: { accept: 'application/json' } })
    await res.text()
    return res.status
  }

  describe(`${options.name}: two-factor`, () => {
    app.hooks()

    it('enrolls: a secret, its otpauth URI, then a first code turns it on and gives recovery codes', async () => {
      const jar = new CookieJar()
      const first = await signIn(jar)
      expect([302, 303]).toContain(first.status)
      expect(jar.has('session-token')).toBe(true)
      expect((await session(jar)).user.twoFactorEnabled).toBe(false)
      const started = await post(jar, 'two-factor-setup', { intent: 'enroll' })
      expect(started.status).toBe(200)
      const body = (await started.json()) as { secret: string; uri: string }
      expect(body.uri).toMatch(/^otpauth:\/\/totp\//)
      secret = body.secret
      step = Math.floor(Date.now() / 30_000)
      const confirmed = await post(jar, 'two-factor-setup', { intent: 'confirm', code: code() })
      expect(confirmed.status).toBe(200)
      recoveryCodes = ((await confirmed.json()) as { recoveryCodes: string[] }).recoveryCodes
      expect(recoveryCodes.length).toBeGreaterThanOrEqual(4)
      expect((await session(jar)).user.twoFactorEnabled).toBe(true)
    })

    it('the first factor alone gives no session: the code prompt, then a code signs in', async () => {
      const jar = new CookieJar()
      const first = await signIn(jar)
      expect([302, 303]).toContain(first.status)
      expect(new URL(first.headers.get('location') ?? '', url('/')).pathname).toBe(`${basePath}/two-factor`)
      expect(jar.has('session-token')).toBe(false)
      expect(jar.has('two-factor')).toBe(true)
      expect(await api(jar)).toBe(401)
      const prompt = await send(`${basePath}/two-factor`, { jar, headers: { accept: 'text/html' } })
      expect(prompt.status).toBe(200)
      const html = await prompt.text()
      expect(html).toContain('name="code"')
      expect(html).not.toMatch(/<script/i)
      expect((await post(jar, 'two-factor', { code: code() === '000000' ? '999999' : '000000' })).status).toBe(400)
      expect(jar.has('session-token')).toBe(false)
      const ok = await post(jar, 'two-factor', { code: code(1) }, 'text/html')
      expect([302, 303]).toContain(ok.status)
      await ok.text()
      expect(new URL(ok.headers.get('location') ?? '', url('/')).pathname).toBe(options.protectedApi)
      expect(jar.has('session-token')).toBe(true)
      expect(jar.has('two-factor')).toBe(false)
      expect(await api(jar)).toBe(200)
      expect((await session(jar)).user.twoFactorEnabled).toBe(true)
    })

    it('refuses a used code, and a pending state carried to another browser', async () => {
      const jar = new CookieJar()
      await signIn(jar)
      const reused = await post(jar, 'two-factor', { code: code(1) })
      expect(reused.status).toBe(400)
      expect(((await reused.json()) as { error: string }).error).toBe('TwoFactorCodeInvalid')
      const other = new CookieJar()
      await csrf(other)
      for (const [k, v] of jar.cookies) if (k.includes('two-factor')) other.cookies.set(k, v)
      const carried = await post(other, 'two-factor', { code: recoveryCodes[0]! })
      expect(carried.status).toBe(400)
      expect(((await carried.json()) as { error: string }).error).toBe('TwoFactorPendingInvalid')
      expect(other.has('session-token')).toBe(false)
    })

    it('a recovery code signs in once', async () => {
      const jar = new CookieJar()
      await signIn(jar)
      const used = await post(jar, 'two-factor', { code: recoveryCodes[0]! }, 'text/html')
      expect([302, 303]).toContain(used.status)
      await used.text()
      expect(await api(jar)).toBe(200)
      const again = new CookieJar()
      await signIn(again)
      expect((await post(again, 'two-factor', { code: recoveryCodes[0]! })).status).toBe(400)
      expect(again.has('session-token')).toBe(false)
    })

    it('turning it off needs a code; afterwards the first factor signs in directly', async () => {
      const jar = new CookieJar()
      await signIn(jar)
      await (await post(jar, 'two-factor', { code: recoveryCodes[1]! }, 'text/html')).text()
      expect(jar.has('session-token')).toBe(true)
      expect((await post(jar, 'two-factor-setup', { intent: 'disable', code: '' })).status).toBe(400)
      const off = await post(jar, 'two-factor-setup', { intent: 'disable', code: recoveryCodes[2]! })
      expect(off.status).toBe(200)
      expect(await off.json()).toEqual({ enabled: false, recoveryCodesLeft: 0 })
      const direct = new CookieJar()
      await signIn(direct)
      expect(direct.has('session-token')).toBe(true)
      expect((await session(direct)).user.twoFactorEnabled).toBe(false)
    })
  })
}

/**
 * The app config the in-process framework tests give their example for this suite: JWT sessions, config.twoFactor
 * on, and a memory adapter holding the example's demo user (not enrolled), whom `credentials` signs in.
 *
 *   serveWithDevOidc(..., async (baseUrl, oidc) => createApp({ oidc, config: await twoFactorTestConfig({ baseUrl, user, name: 'express' }) }))
 */
export async function twoFactorTestConfig(options: { baseUrl: string; user: { id: string; email: string; name?: string }; name: string; twoFactor?: TwoFactorConfig }) {
  const { baseUrl, user, name } = options
  const adapter = MemoryAdapter()
  await adapter.createUser({ id: user.id, email: user.email, emailVerified: null, name: user.name ?? null })
  return {
    url: baseUrl,
    secret: `${name}-two-factor-test-secret-0123456789abcdef`,
    adapter,
    session: { strategy: 'jwt' as const },
    twoFactor: options.twoFactor ?? {},
  }
}
