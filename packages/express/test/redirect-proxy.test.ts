// Preview deployments through a redirect proxy: two Express apps on 127.0.0.1 stand in for the stable deployment
// (the only redirect URI the OIDC provider knows) and preview deployments (redirectProxyUrl = the stable one).
// The real provider (@latch/dev-oidc) redirects to the stable deployment, which forwards the callback to the
// preview that started the sign-in, if redirectProxyOrigins allows it; the session is the preview's alone.
import { createServer, type RequestListener, type Server } from 'node:http'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { AuthConfig } from '@latch/core'
import { CookieJar, authorizeAtProvider } from '@latch/core/testing'
import { appClient, startDevOidc, type DevOidc } from '@latch/dev-oidc'
import { createApp } from '../../../examples/express/src/app.js'

const secret = 'redirect-proxy-test-secret-0123456789abcdef'
const client = { clientId: 'proxy-test', clientSecret: 'proxy-test-secret' }

interface Deployment {
  url: string
  server: Server
}

async function listen(): Promise<{ server: Server; url: string; serve(l: RequestListener): void }> {
  let listener: RequestListener = (_req, res) => res.end()
  const server = createServer((req, res) => listener(req, res))
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const { port } = server.address() as { port: number }
  return { server, url: `http://127.0.0.1:${port}`, serve: (l) => void (listener = l) }
}

let oidc: DevOidc
let stable: Deployment
let preview: Deployment
let unlisted: Deployment

beforeAll(async () => {
  const [s, p, u] = await Promise.all([listen(), listen(), listen()])
  // The provider knows the stable deployment's callback only.
  oidc = await startDevOidc({ clients: [appClient(s.url, client)] })
  const app = (config: Partial<AuthConfig>) =>
    createApp({ oidc: { issuer: oidc.issuer, ...client }, config: { secret, logger: { warn() {}, error() {} }, ...config } }) as unknown as RequestListener
  s.serve(app({ url: s.url, redirectProxyOrigins: [p.url, 'https://*.preview.example.com'] }))
  p.serve(app({ url: p.url, redirectProxyUrl: `${s.url}/auth` }))
  u.serve(app({ url: u.url, redirectProxyUrl: `${s.url}/auth` }))
  ;[stable, preview, unlisted] = [s, p, u]
})
afterAll(async () => {
  for (const d of [stable, preview, unlisted]) {
    d?.server.closeAllConnections()
    await new Promise((r) => d?.server.close(r))
  }
  await oidc?.close()
})

async function send(url: string, jar: CookieJar, init: RequestInit & { form?: Record<string, string> } = {}): Promise<Response> {
  const headers = new Headers(init.headers)
  if (jar.cookies.size) headers.set('cookie', jar.header())
  let body = init.body
  if (init.form) {
    body = new URLSearchParams(init.form).toString()
    headers.set('content-type', 'application/x-www-form-urlencoded')
    headers.set('origin', new URL(url).origin)
  }
  const res = await fetch(url, { ...init, headers, body, redirect: 'manual' })
  jar.apply(res)
  return res
}

/** Start an OIDC sign-in at `at` and log in at the provider: the URL the provider sends the browser back to. */
async function startAt(at: Deployment, jar: CookieJar): Promise<{ authorization: URL; callback: URL }> {
  const { csrfToken } = (await (await send(`${at.url}/auth/csrf`, jar)).json()) as { csrfToken: string }
  const res = await send(`${at.url}/auth/signin/dev-oidc`, jar, { method: 'POST', form: { csrfToken, callbackUrl: `${at.url}/protected` } })
  expect(res.status).toBe(302)
  const authorization = new URL(res.headers.get('location')!)
  const callback = await authorizeAtProvider(authorization.href, stable.url)
  return { authorization, callback }
}

async function me(at: Deployment, jar: CookieJar): Promise<number> {
  const res = await send(`${at.url}/api/me`, jar, { headers: { accept: 'application/json' } })
  await res.text()
  return res.status
}

describe('redirect proxy (preview deployments)', () => {
  it('a preview signs in through the stable deployment callback; the session is the preview’s only', async () => {
    const browserAtPreview = new CookieJar()
    const browserAtStable = new CookieJar() // another host for the browser: its own cookies
    const { authorization, callback } = await startAt(preview, browserAtPreview)
    expect(authorization.searchParams.get('redirect_uri')).toBe(`${stable.url}/auth/callback/dev-oidc`)
    expect(callback.origin).toBe(stable.url)

    const forwarded = await send(callback.href, browserAtStable)
    expect(forwarded.status).toBe(302)
    const to = new URL(forwarded.headers.get('location')!)
    expect(to.origin + to.pathname).toBe(`${preview.url}/auth/callback/dev-oidc`)
    expect(to.searchParams.get('code')).toBe(callback.searchParams.get('code'))
    expect(to.searchParams.get('state')).toBe(callback.searchParams.get('state'))
    expect(browserAtStable.has('session-token')).toBe(false)

    const done = await send(to.href, browserAtPreview)
    expect(done.status).toBe(302)
    expect(done.headers.get('location')).toBe(`${preview.url}/protected`)
    expect(browserAtPreview.has('session-token')).toBe(true)
    expect(await me(preview, browserAtPreview)).toBe(200)
    expect(await me(stable, browserAtStable)).toBe(401)
  })

  it('the stable deployment refuses to forward to a deployment redirectProxyOrigins does not list', async () => {
    const jar = new CookieJar()
    const { callback } = await startAt(unlisted, jar)
    const res = await send(callback.href, new CookieJar())
    expect(res.status).toBe(302)
    const to = new URL(res.headers.get('location')!)
    expect(to.origin).toBe(stable.url)
    expect(to.searchParams.get('error')).toBe('InvalidCheck')
    expect(await me(unlisted, jar)).toBe(401)
  })

  it('the state is bound to the deployment that started: a forwarded callback replayed at another preview signs nobody in', async () => {
    const victim = new CookieJar()
    const { callback } = await startAt(preview, victim)
    const forwarded = new URL((await send(callback.href, new CookieJar())).headers.get('location')!)
    // The attacker's own browser at another deployment, mid-flow there (its own state cookie).
    const attacker = new CookieJar()
    await startAt(unlisted, attacker)
    const replay = await send(`${unlisted.url}/auth/callback/dev-oidc${forwarded.search}`, attacker)
    expect(new URL(replay.headers.get('location')!).searchParams.get('error')).toBe('InvalidCheck')
    expect(attacker.has('session-token')).toBe(false)
    // Even with the victim's check cookies (previews sharing a parent cookie domain), the other deployment refuses:
    // the sealed state names the deployment that minted it.
    const stolen = new CookieJar()
    for (const [name, value] of victim.cookies) stolen.cookies.set(name, value)
    const withCookies = await send(`${unlisted.url}/auth/callback/dev-oidc${forwarded.search}`, stolen)
    expect(new URL(withCookies.headers.get('location')!).searchParams.get('error')).toBe('InvalidCheck')
    expect(stolen.has('session-token')).toBe(false)
    // The victim's code, used by nobody, still works for the victim only.
    expect((await send(forwarded.href, victim)).headers.get('location')).toBe(`${preview.url}/protected`)
    expect(await me(preview, victim)).toBe(200)
  })

  it('the stable deployment still signs its own users in directly', async () => {
    const jar = new CookieJar()
    const { authorization, callback } = await startAt(stable, jar)
    expect(authorization.searchParams.get('redirect_uri')).toBe(`${stable.url}/auth/callback/dev-oidc`)
    const res = await send(callback.href, jar)
    expect(res.headers.get('location')).toBe(`${stable.url}/protected`)
    expect(await me(stable, jar)).toBe(200)
  })
})
