import { describe, expect, it } from 'vitest'
import { applyEnv, readEnv, AuthError, CredentialsSignin, AccessDenied, Auth, type AuthConfig, type LoggerInstance } from '../src/index.js'
import * as errors from '../src/errors.js'
import { clientCode, errorFromCode } from '../src/errors.js'
import Credentials from '../src/providers/credentials.js'
import { Browser, SECRET } from './support/client.js'

describe('readEnv / applyEnv', () => {
  it('maps AUTH_* variables without reading process', () => {
    const e = readEnv({ AUTH_SECRET: 'a', AUTH_SECRET_1: 'b', AUTH_SECRET_3: 'd', AUTH_URL: 'https://x.test', AUTH_TRUST_HOST: 'false', AUTH_GITHUB_ID: 'gid', AUTH_GITHUB_SECRET: 'gs', AUTH_MICROSOFT_ENTRA_ID_ISSUER: 'https://login.example/v2.0' })
    expect(e.secret).toEqual(['a', 'b', 'd'])
    expect(e.url).toBe('https://x.test')
    expect(e.trustHost).toBe(false)
    expect(e.providers.GITHUB).toEqual({ clientId: 'gid', clientSecret: 'gs' })
    expect(e.providers.MICROSOFT_ENTRA_ID).toEqual({ issuer: 'https://login.example/v2.0' })
  })

  it('AUTH_TRUST_HOST=true, and dev mode, trust the host; production alone does not', () => {
    expect(readEnv({ AUTH_TRUST_HOST: 'true' }).trustHost).toBe(true)
    expect(readEnv({ AUTH_TRUST_HOST: '1' }).trustHost).toBe(true)
    expect(readEnv({ NODE_ENV: 'development' }).trustHost).toBe(true)
    expect(readEnv({ NODE_ENV: 'production' }).trustHost).toBeUndefined()
    expect(readEnv({ NODE_ENV: 'production', AUTH_TRUST_HOST: 'false' }).trustHost).toBe(false)
  })

  it('applyEnv fills only what is missing and returns a new object', () => {
    const provider = { id: 'github', name: 'GitHub', type: 'oauth' as const, clientId: 'explicit' }
    const config: AuthConfig = Object.freeze({ providers: [provider], secret: 'mine' })
    const out = applyEnv(config, { AUTH_SECRET: 'env', AUTH_GITHUB_ID: 'env-id', AUTH_GITHUB_SECRET: 'env-secret', AUTH_URL: 'https://x.test' })
    expect(out).not.toBe(config)
    expect(out.secret).toBe('mine')
    expect(out.url).toBe('https://x.test')
    expect(out.providers[0]).toMatchObject({ clientId: 'explicit', clientSecret: 'env-secret' })
    expect(provider).not.toHaveProperty('clientSecret')
  })
})

describe('errors', () => {
  it('one base class with a stable code; Auth.js `type` alias', () => {
    const e = new AccessDenied()
    expect(e).toBeInstanceOf(AuthError)
    expect(e.code).toBe('AccessDenied')
    expect(e.type).toBe('AccessDenied')
    expect(clientCode(e)).toBe('AccessDenied')
    expect(clientCode(new Error('x'))).toBe('Configuration')
  })

  it('client-safe codes: only these reach the browser, and each maps back to its own error class', () => {
    const safe = ['AccessDenied', 'CredentialsSignin', 'EmailNotVerified', 'EmailSignin', 'InvalidCheck', 'InvalidProvider', 'MissingCSRF', 'OAuthAccountNotLinked', 'OAuthCallbackError', 'OAuthProviderUnavailable', 'OAuthSignin', 'PasswordPolicy', 'RateLimited', 'SessionNotFresh', 'SessionRequired', 'StoreUnavailable', 'TwoFactorCodeInvalid', 'TwoFactorPendingInvalid', 'Verification']
    const classes = Object.entries(errors).filter(([, v]) => typeof v === 'function' && v.prototype instanceof AuthError) as [string, new () => AuthError][]
    for (const [name, Ctor] of classes) {
      const e = new Ctor()
      expect(clientCode(e), name).toBe(safe.includes(e.code) ? e.code : 'Configuration')
      const back = errorFromCode(e.code)
      expect(back.code, name).toBe(safe.includes(e.code) ? e.code : 'Configuration')
      if (safe.includes(e.code)) expect(back, name).toBeInstanceOf(Ctor)
    }
    expect(classes.map(([, C]) => new C().code).filter((c) => safe.includes(c)).sort()).toEqual([...safe].sort())
    expect(errorFromCode('toString')).toBeInstanceOf(errors.Configuration)
    expect(errorFromCode('CredentialsSignin', 'locked')).toMatchObject({ code: 'CredentialsSignin', reason: 'locked' })
  })

  it('Auth.js-style `code = "..."` on a CredentialsSignin subclass still reaches the page', async () => {
    class InvalidLogin extends CredentialsSignin {
      // @ts-expect-error Auth.js style: code overridden with a custom string
      override code = 'invalid_login'
    }
    const config: AuthConfig = { secret: SECRET, url: 'http://app.test', providers: [Credentials({ authorize: async () => { throw new InvalidLogin() } })] }
    const res = await new Browser(config).signInWithCredentials({})
    expect(new URL(res.headers.get('location')!).searchParams.get('code')).toBe('invalid_login')
  })

  it('server faults redirect as Configuration and log the cause at error level, with no secret in any log line', async () => {
    const lines: string[] = []
    const logger: LoggerInstance = {
      error: (e) => lines.push(`error ${e.name} ${e.message} ${String((e as { cause?: Error }).cause?.message)}`),
      warn: (c, m) => lines.push(`warn ${c} ${m}`),
      debug: (m, meta) => lines.push(`debug ${m} ${JSON.stringify(meta)}`),
    }
    const config: AuthConfig = {
      secret: SECRET,
      url: 'http://app.test',
      debug: true,
      logger,
      providers: [Credentials({ authorize: async () => ({ id: '1' }) })],
      callbacks: { jwt: () => { throw new Error('jwt callback exploded') } },
    }
    const b = new Browser(config)
    const res = await b.signInWithCredentials({ password: 'hunter2-secret-password' })
    expect(new URL(res.headers.get('location')!).pathname).toBe('/auth/error')
    expect(new URL(res.headers.get('location')!).searchParams.get('error')).toBe('Configuration')
    expect(b.jar.has('authjs.session-token')).toBe(false)
    expect(lines.some((l) => l.startsWith('error') && l.includes('jwt callback exploded'))).toBe(true)
    const csrfCookie = b.jar.get('authjs.csrf-token')!
    for (const l of lines) {
      expect(l).not.toContain(SECRET)
      expect(l).not.toContain('hunter2')
      expect(l).not.toContain(csrfCookie.split('|')[0]!)
    }
  })

  it('a provider without id is a Configuration error, not a crash', async () => {
    const res = await Auth(new Request('http://app.test/auth/session'), { secret: SECRET, url: 'http://app.test', providers: [{} as never], logger: { error: () => {} } })
    expect(res.status).toBe(500)
    expect((await res.json()).error).toBe('Configuration')
  })
})
