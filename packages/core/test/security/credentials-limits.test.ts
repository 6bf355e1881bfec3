import { describe, expect, it } from 'vitest'
import type { AuthConfig } from '../../src/index.js'
import type { RateLimitConfig } from '../../src/rate-limit/types.js'
import Credentials from '../../src/providers/credentials.js'
import { appSecret, Browser } from '../support/client.js'
import { quietLogger } from '../support/fake-oauth.js'

/**
 * Issue 12: the credentials rate limit is keyed on the account field the app declared, never on a field the
 * client adds; a success resets only the counter of the account that signed in; non-string fields are a 400
 * before authorize() runs. See SECURITY.md and docs/guides/rate-limit.md.
 */
const ACCOUNTS: Record<string, string> = { 'victim@example.com': 'victim-pw', 'attacker@example.com': 'attacker-pw' }

function app(options: { rateLimit?: RateLimitConfig; declared?: boolean; onAuthorize?: (c: Record<string, unknown>) => void } = {}) {
  const calls: Record<string, unknown>[] = []
  const cfg: AuthConfig = {
    secret: appSecret(),
    url: 'http://app.test',
    logger: quietLogger,
    rateLimit: options.rateLimit ?? { identifier: { max: 3, windowSeconds: 600 }, ip: false },
    providers: [
      Credentials({
        credentials: options.declared === false ? {} : { email: { label: 'E-mail', type: 'email' }, password: { label: 'Password', type: 'password' } },
        authorize: (c) => {
          calls.push(c)
          const email = typeof c.email === 'string' ? c.email : ''
          return ACCOUNTS[email] !== undefined && ACCOUNTS[email] === c.password ? { id: email, email } : null
        },
      }),
    ],
  }
  return { cfg, calls }
}

async function post(cfg: AuthConfig, fields: Record<string, string> | string, headers: Record<string, string> = {}) {
  const b = new Browser(cfg)
  const csrfToken = await b.csrf()
  if (typeof fields === 'string') {
    return b.fetch('/auth/callback/credentials', {
      method: 'POST',
      body: `csrfToken=${encodeURIComponent(csrfToken)}&${fields}`,
      headers: { 'content-type': 'application/x-www-form-urlencoded', ...headers },
    })
  }
  return b.fetch('/auth/callback/credentials', { form: { csrfToken, ...fields }, headers })
}

async function postJson(cfg: AuthConfig, fields: Record<string, unknown>) {
  const b = new Browser(cfg)
  const csrfToken = await b.csrf()
  return b.fetch('/auth/callback/credentials', { json: { csrfToken, ...fields } })
}

const random = () => Math.random().toString(36).slice(2)

describe('credentials rate limit: the counter is the declared account field', () => {
  for (const extra of ['username', 'identifier', 'login', 'user', 'Email', 'email_']) {
    it(`an added "${extra}" field gives no fresh counter: the victim's e-mail is limited after 3 guesses`, async () => {
      const { cfg, calls } = app()
      for (let i = 0; i < 3; i++) expect((await post(cfg, { email: 'victim@example.com', password: `guess${i}`, [extra]: random() })).status).toBe(302)
      const limited = await post(cfg, { email: 'victim@example.com', password: 'victim-pw', [extra]: random() })
      expect(limited.status).toBe(429)
      expect(calls).toHaveLength(3)
    })
  }

  it("signing in to the attacker's own account with username=<victim> does not reset the victim's counter", async () => {
    const { cfg } = app()
    for (let i = 0; i < 2; i++) await post(cfg, { email: 'victim@example.com', password: `guess${i}` })
    // A success of another account, naming the victim in every other field a client could add.
    const own = await post(cfg, { email: 'attacker@example.com', password: 'attacker-pw', username: 'victim@example.com', identifier: 'victim@example.com', login: 'victim@example.com' })
    expect(own.headers.get('location')).toBe('http://app.test/')
    expect((await post(cfg, { email: 'victim@example.com', password: 'guess2' })).status).toBe(302)
    expect((await post(cfg, { email: 'victim@example.com', password: 'victim-pw' })).status).toBe(429)
  })

  it('a success resets the counter of the account that signed in', async () => {
    const { cfg } = app()
    for (let i = 0; i < 2; i++) await post(cfg, { email: 'victim@example.com', password: `guess${i}` })
    expect((await post(cfg, { email: 'victim@example.com', password: 'victim-pw' })).headers.get('location')).toBe('http://app.test/')
    for (let i = 0; i < 3; i++) expect((await post(cfg, { email: 'victim@example.com', password: `again${i}` })).status).toBe(302)
    expect((await post(cfg, { email: 'victim@example.com', password: 'x' })).status).toBe(429)
  })

  it('the app can name the field (rateLimit.credentialsIdentifier), and an added field still changes nothing', async () => {
    const { cfg } = app({ rateLimit: { identifier: { max: 2, windowSeconds: 600 }, ip: false, credentialsIdentifier: 'email' } })
    await post(cfg, { email: 'victim@example.com', password: 'a', username: random() })
    await post(cfg, { email: 'victim@example.com', password: 'b', username: random() })
    expect((await post(cfg, { email: 'victim@example.com', password: 'c', username: random() })).status).toBe(429)
  })

  it('with no declared fields, every account-like field sent is counted, so adding one never escapes', async () => {
    const { cfg } = app({ declared: false })
    for (let i = 0; i < 3; i++) await post(cfg, { email: 'victim@example.com', password: `g${i}`, username: random() })
    expect((await post(cfg, { email: 'victim@example.com', password: 'victim-pw', username: random() })).status).toBe(429)
    // A success with two account fields resets only the one authorize() reported back (the user's email).
    const { cfg: cfg2 } = app({ declared: false })
    for (let i = 0; i < 2; i++) await post(cfg2, { email: 'victim@example.com', password: `g${i}` })
    await post(cfg2, { email: 'attacker@example.com', password: 'attacker-pw', username: 'victim@example.com' })
    await post(cfg2, { email: 'victim@example.com', password: 'g2' })
    expect((await post(cfg2, { email: 'victim@example.com', password: 'victim-pw' })).status).toBe(429)
  })

  it('the per-identifier and per-address limits both apply', async () => {
    const { cfg } = app({ rateLimit: { identifier: { max: 3, windowSeconds: 600 }, ip: { max: 4, windowSeconds: 600 } } })
    cfg.trustHost = true
    const from = (ip: string) => ({ 'x-forwarded-for': ip })
    // One address, many accounts: the 5th attempt from it is refused.
    for (let i = 0; i < 4; i++) expect((await post(cfg, { email: `u${i}@example.com`, password: 'x' }, from('198.51.100.1'))).status).toBe(302)
    expect((await post(cfg, { email: 'u9@example.com', password: 'x' }, from('198.51.100.1'))).status).toBe(429)
    // One account, many addresses: the 4th attempt on it is refused.
    for (let i = 0; i < 3; i++) expect((await post(cfg, { email: 'victim@example.com', password: 'x' }, from(`192.0.2.${i + 1}`))).status).toBe(302)
    expect((await post(cfg, { email: 'victim@example.com', password: 'victim-pw' }, from('192.0.2.9'))).status).toBe(429)
  })
})

describe('credentials fields must be single strings', () => {
  const forms: Record<string, string> = {
    'a repeated field': 'email=victim%40example.com&email=victim%40example.com&password=x',
    'a repeated password': 'email=victim%40example.com&password=a&password=b',
    'a repeated extra field': 'email=victim%40example.com&password=x&otp=1&otp=2',
  }
  for (const [name, body] of Object.entries(forms)) {
    it(`form: ${name} is a 400 before authorize() runs`, async () => {
      const { cfg, calls } = app()
      const res = await post(cfg, body)
      expect(res.status).toBe(400)
      expect(await res.json()).toMatchObject({ error: 'InvalidRequest' })
      expect(calls).toHaveLength(0)
    })
  }

  const values: Record<string, unknown> = {
    array: ['victim@example.com'],
    'two-element array': ['victim@example.com', 'victim@example.com'],
    object: { $ne: null },
    number: 1,
    boolean: true,
    null: null,
  }
  for (const [name, value] of Object.entries(values)) {
    for (const field of ['email', 'password', 'extra']) {
      it(`JSON: ${field} as ${name} is a 400 JSON error before authorize() runs`, async () => {
        const { cfg, calls } = app()
        const res = await postJson(cfg, { email: 'victim@example.com', password: 'victim-pw', [field]: value })
        expect(res.status).toBe(400)
        expect(res.headers.get('content-type')).toMatch(/application\/json/)
        expect(await res.json()).toMatchObject({ error: 'InvalidRequest' })
        expect(calls).toHaveLength(0)
      })
    }
  }

  it('JSON: a __proto__ field never reaches authorize()', async () => {
    const { cfg, calls } = app()
    const b = new Browser(cfg)
    const csrfToken = await b.csrf()
    const body = `{"csrfToken":${JSON.stringify(csrfToken)},"email":"victim@example.com","password":"x","__proto__":{"password":"x"}}`
    const res = await b.fetch('/auth/callback/credentials', { method: 'POST', body, headers: { 'content-type': 'application/json' } })
    expect(res.status).toBe(400)
    expect(calls).toHaveLength(0)
  })

  it('multipart: a repeated field or a file is a 400 before authorize() runs', async () => {
    for (const extra of [(f: FormData) => f.append('email', 'victim@example.com'), (f: FormData) => f.append('password', new Blob(['x']), 'p.txt')]) {
      const { cfg, calls } = app()
      const b = new Browser(cfg)
      const form = new FormData()
      form.append('csrfToken', await b.csrf())
      form.append('email', 'victim@example.com')
      extra(form)
      const res = await b.fetch('/auth/callback/credentials', { method: 'POST', body: form })
      expect(res.status).toBe(400)
      expect(calls).toHaveLength(0)
    }
  })

  it('a browser form post with a repeated field gets a clear 4xx too, and string fields still work', async () => {
    const { cfg, calls } = app()
    const res = await post(cfg, 'email=a&email=b&password=x', { accept: 'text/html' })
    expect(res.status).toBeGreaterThanOrEqual(400)
    expect(res.status).toBeLessThan(500)
    expect(calls).toHaveLength(0)
    expect((await post(cfg, { email: 'victim@example.com', password: 'victim-pw' })).headers.get('location')).toBe('http://app.test/')
  })
})
