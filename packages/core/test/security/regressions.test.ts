import { describe, expect, it } from 'vitest'
import { Auth, getSession, type AuthConfig } from '../../src/index.js'
import { getToken } from '../../src/jwt.js'
import Credentials from '../../src/providers/credentials.js'
import { Browser, SECRET } from '../support/client.js'

/** Named regressions: each test is one known hole in auth libraries of this kind. See SECURITY.md. */
const APP = 'https://app.example.com'
const config: AuthConfig = {
  secret: SECRET,
  url: APP,
  providers: [Credentials({ authorize: async (c) => (c.password === 'right' ? { id: '1', name: 'Ada' } : null) })],
}

describe('security regressions', () => {
  it('Bearer %: getToken returns null and the session endpoint is unaffected', async () => {
    const req = new Request(`${APP}/api`, { headers: { authorization: 'Bearer %' } })
    await expect(getToken({ req, secret: SECRET })).resolves.toBeNull()
    const res = await Auth(new Request(`${APP}/auth/session`, { headers: { authorization: 'Bearer %' } }), config)
    expect(res.status).toBe(200)
    expect(await res.json()).toBeNull()
  })

  it('a misconfigured provider that breaks the session endpoint never reads as a session', async () => {
    const broken: AuthConfig = { ...config, providers: [{ id: 'bad id!', type: 'oidc', name: 'x' } as never], logger: { error: () => {} } }
    const b = new Browser(config, APP)
    await b.signInWithCredentials({ password: 'right' })
    const req = new Request(`${APP}/`, { headers: { cookie: b.cookieHeader() } })
    const raw = await Auth(new Request(`${APP}/auth/session`, { headers: { cookie: b.cookieHeader() } }), broken)
    expect(raw.status).toBe(500)
    expect(await raw.json()).toMatchObject({ error: 'Configuration' })
    expect(await getSession(req, broken)).toBeNull()
    expect(await getSession(req, config)).not.toBeNull()
  })

  for (const path of ['//auth//callback//credentials', '/auth/%63allback/credentials', '/%61uth/callback/%63redentials', '/auth/callback/credentials/']) {
    it(`non-canonical path ${path} gets the same CSRF check`, async () => {
      const b = new Browser(config, APP)
      await b.csrf()
      const res = await b.fetch(path, { form: { password: 'right' } })
      expect(new URL(res.headers.get('location')!).searchParams.get('error')).toBe('MissingCSRF')
      expect([...b.jar.keys()].some((k) => k.includes('session-token'))).toBe(false)
      const ok = await b.fetch(path, { form: { password: 'right', csrfToken: await b.csrf() } })
      expect(ok.headers.get('location')).toBe(`${APP}/`)
    })
  }

  for (const path of ['//auth//signout', '/auth/%73ignout', '/auth/session/']) {
    it(`non-canonical path ${path} for a state change still needs CSRF`, async () => {
      const b = new Browser(config, APP)
      await b.signInWithCredentials({ password: 'right' })
      const res = await b.fetch(path, { form: {} })
      expect(res.status === 403 || new URL(res.headers.get('location')!).searchParams.get('error') === 'MissingCSRF').toBe(true)
      expect((await b.session())?.user?.name).toBe('Ada')
    })
  }

  it('X-Forwarded-Host with AUTH_URL set changes no Location and no page link', async () => {
    const headers = { 'x-forwarded-host': 'evil.example', 'x-forwarded-proto': 'http' }
    const b = new Browser({ ...config, trustHost: true }, APP)
    const page = await b.fetch('/auth/signin', { headers })
    expect(await page.text()).not.toContain('evil.example')
    const res = await b.fetch('/auth/callback/credentials', { form: { csrfToken: await b.csrf(), password: 'right' }, headers })
    expect(res.headers.get('location')).toBe(`${APP}/`)
    const providers = await (await b.fetch('/auth/providers', { headers })).text()
    expect(providers).not.toContain('evil.example')
  })

  it('a wrong password never yields a session, whatever the callbackUrl', async () => {
    const b = new Browser(config, APP)
    const res = await b.signInWithCredentials({ password: 'wrong' }, '/admin')
    expect(new URL(res.headers.get('location')!).pathname).toBe('/auth/signin')
    expect([...b.jar.keys()].some((k) => k.includes('session-token'))).toBe(false)
  })
})
