// The hostile-redirect corpus of @latch/core/testing against the core's one redirect check, in-process.
// The framework packages run the same corpus over HTTP (defineIntegrationSuite → defineRedirectSuite).
import { describe, expect, it } from 'vitest'
import { Auth, safeRedirect, safeRedirectPath, sameOriginUrl, signInRedirect, type AuthConfig } from '../../src/index.js'
import Credentials from '../../src/providers/credentials.js'
import { defaultRedirect } from '../../src/config/defaults.js'
import { HOSTILE_PATHS, HOSTILE_REDIRECTS, HOSTILE_REDIRECT_CLASSES, fillPlaceholders, landsOn, redirectTargetsInHtml } from '../../src/testing/redirect-suite.js'
import { Browser, SECRET } from '../support/client.js'

const APP = 'https://app.example.com'
const corpus = HOSTILE_REDIRECTS.map((p) => fillPlaceholders(p, APP, '/protected'))
const config: AuthConfig = { secret: SECRET, url: APP, providers: [Credentials({ authorize: async () => ({ id: '1', name: 'Ada' }) })] }

/** On the app, and its path alone (as a Location without origin) stays on whatever origin it is resolved against. */
function expectOnApp(value: string, label: string) {
  expect(landsOn(value, APP), label).toBe(APP)
  const u = new URL(value, APP)
  expect(landsOn(u.pathname + u.search + u.hash, 'https://elsewhere.example'), `${label}: path alone`).toBe('https://elsewhere.example')
}

describe('the one redirect check (http/safe-redirect.ts) against the corpus', () => {
  it('has every class the review named', () => {
    expect(Object.keys(HOSTILE_REDIRECT_CLASSES).length).toBeGreaterThanOrEqual(12)
    expect(HOSTILE_REDIRECTS.length).toBeGreaterThan(80)
  })

  for (const p of corpus) {
    it(`safeRedirect / safeRedirectPath / signInRedirect / defaultRedirect: ${JSON.stringify(p)}`, () => {
      expectOnApp(safeRedirect(p, APP), 'safeRedirect')
      const path = safeRedirectPath(p, APP)
      expect(path).toMatch(/^\/(?![/\\])/)
      expectOnApp(path, 'safeRedirectPath')
      expectOnApp(defaultRedirect({ url: p, baseUrl: APP }), 'defaultRedirect')
      for (const page of ['/signin', `${APP}/auth/signin`]) {
        const location = signInRedirect(page, p, APP)
        expectOnApp(location, 'signInRedirect')
        expectOnApp(new URL(location, APP).searchParams.get('callbackUrl')!, 'signInRedirect callbackUrl')
      }
    })
  }

  it('keeps what is legitimately on the app, path for path and URL for URL', () => {
    expect(safeRedirect('/dash?tab=1#top', APP)).toBe(`${APP}/dash?tab=1#top`)
    expect(safeRedirectPath(`${APP}/dash?tab=1#top`, APP)).toBe('/dash?tab=1#top')
    expect(sameOriginUrl('https://evil.com/', APP)).toBeUndefined()
    expect(signInRedirect('/signin', '/admin?x=1', APP)).toBe('/signin?callbackUrl=%2Fadmin%3Fx%3D1')
    expect(signInRedirect(`${APP}/auth/signin`, `${APP}/admin`, APP)).toBe(`${APP}/auth/signin?callbackUrl=${encodeURIComponent(`${APP}/admin`)}`)
    // A sign-in page on another origin (a misconfiguration) is not followed either.
    expect(signInRedirect('https://evil.com/signin', '/x', APP, '/auth/signin')).toBe(`${APP}/auth/signin?callbackUrl=%2Fx`)
  })

  it('hostile request paths become a callbackUrl on the app', () => {
    for (const raw of HOSTILE_PATHS) {
      const path = fillPlaceholders(raw, APP, '/protected')
      // What an integration sees: the request URL as the server parsed it.
      let here: URL
      try {
        here = new URL(APP + path)
      } catch {
        continue
      }
      const location = signInRedirect('/signin', here.pathname + here.search, here.href)
      expectOnApp(new URL(location, APP).searchParams.get('callbackUrl')!, path)
    }
  })

  it('finds the redirect targets a page renders', () => {
    const html = `<a href="/a?x=1&amp;y=2">a</a><form action='/b'><input type="hidden" name="callbackUrl" value="https://app.example.com/c"></form><meta http-equiv="refresh" content="0;url=/d">`
    expect(redirectTargetsInHtml(html)).toEqual(['/a?x=1&y=2', '/b', 'https://app.example.com/c', '/d'])
  })
})

describe('the core never answers with a path that is protocol-relative alone', () => {
  it('sign-in, sign-out and the callback-url cookie collapse `//` paths on the app', async () => {
    for (const p of corpus) {
      const b = new Browser(config, APP)
      const signin = await b.signInWithCredentials({}, p)
      expect(signin.status, p).toBe(302)
      expectOnApp(signin.headers.get('location')!, `credentials ${p}`)
      const out = await b.fetch('/auth/signout', { form: { csrfToken: await b.csrf(), callbackUrl: p } })
      expectOnApp(out.headers.get('location')!, `signout ${p}`)
    }
  })

  it('a redirect callback that allows anything still never answers a `//` path', async () => {
    const allow: AuthConfig = { ...config, callbacks: { redirect: ({ url }) => url } }
    const res = await new Browser(allow, APP).signInWithCredentials({}, `${APP}//evil.com/x`)
    expect(res.headers.get('location')).toBe(`${APP}/evil.com/x`)
    const page = await Auth(new Request(`${APP}/auth/signin?callbackUrl=${encodeURIComponent('/.//evil.com')}`), config)
    for (const target of redirectTargetsInHtml(await page.text())) expectOnApp(target, target)
  })
})
