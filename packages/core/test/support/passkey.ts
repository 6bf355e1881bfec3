import type { AuthConfig } from '../../src/index.js'
import { MemoryAdapter } from '../../src/adapters/memory.js'
import Passkey from '../../src/providers/passkey.js'
import type { WebAuthnOptions } from '../../src/providers/passkey.js'
import { SoftAuthenticator } from '../../src/testing/soft-authenticator.js'
import { Browser, appSecret } from './client.js'

export const ORIGIN = 'https://app.test'

/** A browser that speaks next-auth/webauthn's wire format to Auth(). */
export class PasskeyBrowser extends Browser {
  constructor(config: AuthConfig, origin = ORIGIN) {
    super(config, origin)
  }

  async options(params: Record<string, string> = {}, provider = 'passkey'): Promise<Response> {
    return this.fetch(`/auth/webauthn-options/${provider}?${new URLSearchParams(params)}`)
  }

  async optionsJson(params: Record<string, string> = {}, provider = 'passkey'): Promise<{ action: string; options: any }> {
    const res = await this.options(params, provider)
    if (res.status !== 200) throw new Error(`options ${res.status}: ${await res.text()}`)
    return res.json() as Promise<{ action: string; options: any }>
  }

  async post(action: string, data: unknown, extra: Record<string, string> = {}, provider = 'passkey'): Promise<Response> {
    const csrfToken = await this.csrf()
    return this.fetch(`/auth/callback/${provider}`, {
      form: { csrfToken, action, data: typeof data === 'string' ? data : JSON.stringify(data), ...extra },
      headers: extra.json ? {} : undefined,
    })
  }

  /** Options + the authenticator's response + the callback; returns the callback response. */
  async register(device: SoftAuthenticator, params: Record<string, string> = {}, origin = this.origin): Promise<Response> {
    const { options } = await this.optionsJson({ action: 'register', ...params })
    return this.post('register', await device.create(options, origin))
  }

  async authenticate(device: SoftAuthenticator, origin = this.origin): Promise<Response> {
    const { options } = await this.optionsJson({ action: 'authenticate' })
    return this.post('authenticate', await device.get(options, origin))
  }
}

export function passkeyApp(options: { provider?: WebAuthnOptions; strategy?: 'jwt' | 'database'; config?: Partial<AuthConfig> } = {}) {
  let now = Math.floor(Date.now() / 1000)
  const adapter = MemoryAdapter()
  const config: AuthConfig = {
    secret: appSecret(),
    url: ORIGIN,
    adapter,
    session: { strategy: options.strategy ?? 'jwt' },
    clock: () => now,
    providers: [options.provider ? Passkey(options.provider) : Passkey],
    ...options.config,
  }
  return { config, adapter, tick: (s: number) => (now += s), browser: () => new PasskeyBrowser(config) }
}
