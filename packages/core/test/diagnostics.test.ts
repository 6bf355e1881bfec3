// Set-up mistakes a new user makes, each reported once and clearly: no AUTH_SECRET, an OAuth provider without its
// client id/secret, an AUTH_URL for another origin; and dev mode trusting the host as Auth.js does.
import { beforeEach, describe, expect, it } from 'vitest'
import { Auth, applyEnv, getSession, type AuthConfig } from '../src/index.js'
import Credentials from '../src/providers/credentials.js'
import GitHub from '../src/providers/github.js'
import { resetOnce } from '../src/diagnostics/once.js'
import { SECRET } from './support/client.js'

const credentials = Credentials({ authorize: async () => ({ id: '1' }) })
const html = { accept: 'text/html,application/xhtml+xml,*/*;q=0.8' }

function recorder() {
  const errors: Error[] = []
  const warnings: string[] = []
  return { errors, warnings, logger: { error: (e: Error) => errors.push(e), warn: (code: string, m?: string) => warnings.push(`${code}: ${m}`) } }
}

beforeEach(() => resetOnce())

describe('no AUTH_SECRET', () => {
  it('the error page for a browser, { error: "MissingSecret" } for fetch clients, one log line for many requests and rebuilt configs', async () => {
    const log = recorder()
    // A config rebuilt per request (lazy init) is a new object every time: still one log line.
    const config = (): AuthConfig => ({ providers: [credentials], url: 'http://app.test', logger: log.logger })
    const page = await Auth(new Request('http://app.test/auth/signin', { headers: html }), config())
    expect(page.status).toBe(500)
    expect(page.headers.get('content-type')).toMatch(/text\/html/)
    const text = await page.text()
    expect(text).toContain('AUTH_SECRET')
    expect(text).toContain('MissingSecret')

    const api = await Auth(new Request('http://app.test/auth/session', { headers: { accept: 'application/json' } }), config())
    expect(api.status).toBe(500)
    const body = await api.json()
    expect(body.error).toBe('MissingSecret')
    expect(body.message).toMatch(/AUTH_SECRET/)

    // A fetch client asking for { url } (next-auth's signIn) gets JSON, not HTML, whatever its Accept header.
    const client = await Auth(new Request('http://app.test/auth/signin/github', { method: 'POST', headers: { ...html, 'x-auth-return-redirect': '1' } }), config())
    expect((await client.json()).error).toBe('MissingSecret')
    expect(await getSession(new Request('http://app.test/'), config())).toBeNull()
    expect(log.errors.map((e) => (e as { code?: string }).code)).toEqual(['MissingSecret'])
  })
})

describe('an OAuth provider without its client id or secret', () => {
  it('the sign-in page names the variables instead of a button; one warning however many requests', async () => {
    const log = recorder()
    const config: AuthConfig = { secret: SECRET, url: 'http://app.test', providers: [credentials, GitHub({})], logger: log.logger }
    for (let i = 0; i < 3; i++) {
      const res = await Auth(new Request('http://app.test/auth/signin', { headers: html }), i === 2 ? { ...config } : config)
      expect(res.status).toBe(200)
      const page = await res.text()
      expect(page).toContain('AUTH_GITHUB_ID and AUTH_GITHUB_SECRET')
      expect(page).not.toContain('/auth/signin/github"')
      expect(page).toContain('/auth/callback/credentials')
    }
    expect(log.warnings).toEqual([expect.stringMatching(/^MissingProviderSetting: Provider "github" .*set AUTH_GITHUB_ID and AUTH_GITHUB_SECRET/)])
  })

  it('only what is missing is named; a public client (token_endpoint_auth_method none) needs no secret; env-filled providers are fine', async () => {
    const log = recorder()
    const onlySecret = GitHub({ clientId: 'id' })
    const publicClient = { ...GitHub({ clientId: 'id' }), id: 'public', client: { token_endpoint_auth_method: 'none' as const } }
    const fromEnv = applyEnv({ secret: SECRET, url: 'http://app.test', providers: [GitHub({})] }, { AUTH_GITHUB_ID: 'id', AUTH_GITHUB_SECRET: 's' })
    const page = await (await Auth(new Request('http://app.test/auth/signin', { headers: html }), { secret: SECRET, url: 'http://app.test', providers: [onlySecret, publicClient], logger: log.logger })).text()
    expect(page).toContain('set <code>AUTH_GITHUB_SECRET</code>')
    expect(page).toContain('/auth/signin/public"')
    expect(log.warnings).toHaveLength(1)
    const ok = await (await Auth(new Request('http://app.test/auth/signin', { headers: html }), { ...fromEnv, logger: log.logger })).text()
    expect(ok).toContain('/auth/signin/github"')
    expect(log.warnings).toHaveLength(1)
  })
})

describe('AUTH_URL for another origin', () => {
  it('one warning naming both origins, whatever the number of requests; none when the origins match', async () => {
    const log = recorder()
    const config: AuthConfig = { secret: SECRET, url: 'https://app.example.com', providers: [credentials], logger: log.logger }
    for (const url of ['https://app.example.com/auth/session', 'http://internal:3000/auth/session']) {
      // Behind a proxy the request URL is internal, but the forwarded headers say what the browser saw.
      await Auth(new Request(url, { headers: { 'x-forwarded-host': 'app.example.com', 'x-forwarded-proto': 'https' } }), config)
    }
    await Auth(new Request('https://app.example.com/auth/providers'), config)
    expect(log.warnings).toEqual([])
    for (let i = 0; i < 3; i++) await Auth(new Request('http://localhost:3000/auth/session'), { ...config })
    expect(log.warnings).toEqual([expect.stringMatching(/^AuthUrlMismatch: AUTH_URL is https:\/\/app\.example\.com but a request arrived for http:\/\/localhost:3000/)])
  })
})

describe('development mode', () => {
  it('NODE_ENV=development trusts the host (no AUTH_URL needed), as Auth.js does; production does not', async () => {
    const config: AuthConfig = { providers: [credentials] }
    const dev = applyEnv(config, { NODE_ENV: 'development', AUTH_SECRET: SECRET })
    const res = await Auth(new Request('http://localhost:3000/auth/providers'), dev)
    expect(res.status).toBe(200)
    expect((await res.json()).credentials.callbackUrl).toBe('http://localhost:3000/auth/callback/credentials')
    const log = recorder()
    const prod = applyEnv({ ...config, logger: log.logger }, { NODE_ENV: 'production', AUTH_SECRET: SECRET })
    const refused = await Auth(new Request('http://localhost:3000/auth/providers'), prod)
    expect((await refused.json()).error).toBe('UntrustedHost')
  })
})
