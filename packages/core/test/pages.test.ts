import { describe, expect, it } from 'vitest'
import { Auth, type AuthConfig } from '../src/index.js'
import Credentials from '../src/providers/credentials.js'
import { SECRET } from './support/client.js'

const evil = '"><script>alert(1)</script>'
const base: AuthConfig = {
  secret: SECRET,
  url: 'http://app.test',
  providers: [
    Credentials({
      name: `Acme ${evil}`,
      credentials: { username: { label: `User ${evil}`, placeholder: evil }, password: { label: 'Password', type: 'password' } },
      authorize: async () => null,
    }),
  ],
}
const page = async (path: string, config: AuthConfig = base) => {
  const res = await Auth(new Request(`http://app.test${path}`), config)
  return { res, html: await res.text() }
}

describe('built-in pages', () => {
  it('the sign-in page lists providers with escaped labels, CSRF and callbackUrl', async () => {
    const { res, html } = await page(`/auth/signin?callbackUrl=${encodeURIComponent('/x?a="b"')}`)
    expect(res.headers.get('content-type')).toContain('text/html')
    expect(html).not.toContain('<script>')
    expect(html).toContain('Acme &quot;&gt;&lt;script&gt;')
    expect(html).toMatch(/<input type="hidden" name="csrfToken" value="[0-9a-f]{64}">/)
    expect(html).toContain('name="callbackUrl" value="http://app.test/x?a=%22b%22"')
    expect(html).toContain('action="http://app.test/auth/callback/credentials"')
    expect(html).toContain('<label for="input-credentials-username">')
    expect(html).toContain('type="password"')
    expect(res.headers.getSetCookie().some((c) => c.startsWith('authjs.csrf-token='))).toBe(true)
  })

  it('sends a CSP with no script source and loads nothing from third-party hosts', async () => {
    for (const path of ['/auth/signin', '/auth/signout', '/auth/error?error=AccessDenied', '/auth/verify-request']) {
      const { res, html } = await page(path)
      const csp = res.headers.get('content-security-policy')!
      expect(csp).toContain("default-src 'none'")
      expect(csp).not.toContain('script-src')
      expect(res.headers.get('x-frame-options')).toBe('DENY')
      expect(html).not.toMatch(/<script|<link|@import|fonts\.googleapis|src="http:/)
      expect(html).toContain('<html lang="en">')
    }
  })

  it('error codes are shown by message, unknown codes get a default, the raw value never echoes', async () => {
    expect((await page('/auth/error?error=Verification')).html).toContain('no longer valid')
    const unknown = await page(`/auth/error?error=${encodeURIComponent(evil)}`)
    expect(unknown.html).not.toContain('script')
    expect(unknown.res.status).toBe(400)
    const signin = await page('/auth/signin?error=CredentialsSignin')
    expect(signin.html).toContain('role="alert"')
    expect(signin.html).toContain('Check the details')
  })

  it('theme: brand colour, button text and logo are applied, unsafe values dropped', async () => {
    const themed = await page('/auth/signin', { ...base, theme: { brandColor: '#ff0000', buttonText: '#000', logo: 'https://cdn.example.com/logo.png', colorScheme: 'dark' } })
    expect(themed.html).toContain('--brand:#ff0000')
    expect(themed.html).toContain('--button-text:#000')
    expect(themed.html).toContain('<img class="logo" src="https://cdn.example.com/logo.png" alt="">')
    expect(themed.html).toContain('color-scheme" content="dark"')
    const hostile = await page('/auth/signin', { ...base, theme: { brandColor: 'red;}</style><script>x()</script>', logo: 'javascript:alert(1)' } })
    expect(hostile.html).not.toContain('<script>')
    expect(hostile.html).toContain('--brand:#346df1')
    expect(hostile.html).not.toContain('javascript:')
  })

  it('custom pages are honoured with callbackUrl and error', async () => {
    const config = { ...base, pages: { signIn: '/login', signOut: '/bye', error: '/oops', verifyRequest: '/check-email' } }
    const s = await page('/auth/signin?callbackUrl=/dash&error=CredentialsSignin&code=bad_pw', config)
    const loc = new URL(s.res.headers.get('location')!)
    expect(loc.pathname).toBe('/login')
    expect(loc.searchParams.get('callbackUrl')).toBe('http://app.test/dash')
    expect(loc.searchParams.get('error')).toBe('CredentialsSignin')
    expect(loc.searchParams.get('code')).toBe('bad_pw')
    expect(new URL((await page('/auth/signout', config)).res.headers.get('location')!).pathname).toBe('/bye')
    expect((await page('/auth/error?error=AccessDenied', config)).res.headers.get('location')).toBe('http://app.test/oops?error=AccessDenied')
    expect((await page('/auth/verify-request', config)).res.headers.get('location')).toBe('http://app.test/check-email')
  })

  it('failed credentials land on the custom sign-in page with the code', async () => {
    const config = { ...base, pages: { signIn: '/login' } }
    const csrf = await Auth(new Request('http://app.test/auth/csrf'), config)
    const { csrfToken } = await csrf.json()
    const cookie = csrf.headers.getSetCookie()[0]!.split(';')[0]!
    const res = await Auth(
      new Request('http://app.test/auth/callback/credentials', { method: 'POST', headers: { cookie, 'content-type': 'application/x-www-form-urlencoded' }, body: `csrfToken=${csrfToken}` }),
      config,
    )
    expect(res.headers.get('location')).toBe('http://app.test/login?error=CredentialsSignin&code=credentials')
  })
})
