import { describe, expect, it } from 'vitest'
import { Auth, type AuthConfig } from '../src/index.js'
import Credentials from '../src/providers/credentials.js'
import { defaultRedirect } from '../src/config/defaults.js'
import { Browser, SECRET } from './support/client.js'

const config: AuthConfig = {
  secret: SECRET,
  url: 'https://app.example.com',
  providers: [Credentials({ authorize: async () => ({ id: '1', name: 'Ada' }) })],
}

const HOSTILE = [
  '//evil.com',
  '//evil.com/path',
  '/\\evil.com',
  '\\\\evil.com',
  '/%5C/evil.com',
  '/%2F/evil.com',
  '/..%2F..%2Fevil.com',
  'https://app.example.com.evil.com',
  'https://app.example.com@evil.com',
  'https://evil.com/https://app.example.com',
  'javascript:alert(1)',
  'JaVaScRiPt:alert(1)',
  'data:text/html,<script>alert(1)</script>',
  ' //evil.com',
  '\t//evil.com',
  '/\t/evil.com',
  'http://[',
  '%',
  'https://',
  'http://app.example.com', // other scheme than the app: another origin
]

function offsite(location: string | null): boolean {
  if (location === null) return false
  const u = new URL(location, 'https://app.example.com')
  return u.origin !== 'https://app.example.com'
}

describe('callbackUrl is never an open redirect', () => {
  for (const url of HOSTILE) {
    it(`default redirect callback: ${JSON.stringify(url)}`, () => {
      const out = defaultRedirect({ url, baseUrl: 'https://app.example.com' })
      expect(new URL(out).origin).toBe('https://app.example.com')
    })

    it(`through signin and signout: ${JSON.stringify(url)}`, async () => {
      const b = new Browser(config, 'https://app.example.com')
      const signin = await b.signInWithCredentials({}, url)
      expect(signin.status).toBe(302)
      expect(offsite(signin.headers.get('location'))).toBe(false)
      const page = await b.fetch(`/auth/signin?callbackUrl=${encodeURIComponent(url)}`)
      expect(page.status).toBe(200)
      const hidden = /name="callbackUrl" value="([^"]*)"/.exec(await page.text())?.[1]
      expect(hidden && offsite(hidden.replace(/&amp;/g, '&'))).toBe(false)
      const out = await b.fetch('/auth/signout', { form: { csrfToken: await b.csrf(), callbackUrl: url } })
      expect(out.status).toBe(302)
      expect(offsite(out.headers.get('location'))).toBe(false)
    })
  }

  it('keeps relative paths and same-origin URLs, query and hash included', async () => {
    const b = new Browser(config, 'https://app.example.com')
    const res = await b.signInWithCredentials({}, '/dash?tab=1#top')
    expect(res.headers.get('location')).toBe('https://app.example.com/dash?tab=1#top')
    const res2 = await b.signInWithCredentials({}, 'https://app.example.com/x')
    expect(res2.headers.get('location')).toBe('https://app.example.com/x')
  })

  it('an array or object callbackUrl in a JSON body is ignored', async () => {
    for (const callbackUrl of [['https://evil.com'], { href: 'https://evil.com' }]) {
      const b = new Browser(config, 'https://app.example.com')
      const csrfToken = await b.csrf()
      const res = await b.fetch('/auth/callback/credentials', { json: { csrfToken, callbackUrl } })
      expect(res.headers.get('location')).toBe('https://app.example.com/')
    }
  })

  it('repeated callbackUrl form fields are ignored, not joined', async () => {
    const b = new Browser(config, 'https://app.example.com')
    const csrfToken = await b.csrf()
    const body = `csrfToken=${csrfToken}&callbackUrl=/a&callbackUrl=https://evil.com`
    const res = await b.fetch('/auth/callback/credentials', { method: 'POST', body, headers: { 'content-type': 'application/x-www-form-urlencoded' } })
    expect(res.headers.get('location')).toBe('https://app.example.com/')
  })

  it('a custom redirect callback may allow other hosts, but its garbage falls back to the origin', async () => {
    const allow: AuthConfig = { ...config, callbacks: { redirect: ({ url }) => url } }
    const b = new Browser(allow, 'https://app.example.com')
    const ok = await b.signInWithCredentials({}, 'https://partner.example.org/x')
    expect(ok.headers.get('location')).toBe('https://partner.example.org/x')
    const js = await b.signInWithCredentials({}, 'javascript:alert(1)')
    expect(js.headers.get('location')).toBe('https://app.example.com')
    const throwing: AuthConfig = { ...config, callbacks: { redirect: () => { throw new Error('boom') } }, logger: { error: () => {} } }
    const t = await new Browser(throwing, 'https://app.example.com').signInWithCredentials({}, '/x')
    expect(t.status).toBe(302)
    expect(t.headers.get('location')).toBe('https://app.example.com')
  })

  it('a callbackUrl cookie set by the attacker goes through the same check', async () => {
    const res = await Auth(
      new Request('https://app.example.com/auth/signin', { headers: { cookie: '__Secure-authjs.callback-url=https%3A%2F%2Fevil.com' } }),
      config,
    )
    expect(await res.text()).not.toContain('evil.com')
  })
})
