// The SvelteKit example, built with adapter-node, served by `node build/index.js` on 127.0.0.1 (kit-example.ts).
import { rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import {
  CookieJar,
  authorizeAtProvider,
  defineHeadersSuite,
  defineIntegrationSuite,
  definePasskeySuite,
  definePasswordSuite,
  defineStoreMatrixSuites,
  defineTwoFactorSuite,
  type RedirectHelperRoute,
} from '@latch/core/testing'
import { loopbackFetch, startTogether } from '@latch/dev-oidc/testing'
// The example's demo account: the app under test is the example, built.
import { DEMO_USERS } from '../../../examples/sveltekit/src/lib/server/auth.js'
import { postgresStore } from '../../adapters/postgres/test/app-store.js'
import { redisStore } from '../../adapters/redis/test/app-store.js'
import { readMailbox, secret, start, withProxy } from './kit-example.js'

const user = DEMO_USERS[0]!

/** The example's signIn/signOut form actions: every Location they build must pass the hostile-redirect corpus. */
const actions: RedirectHelperRoute[] = [
  { name: 'signOut() form action', path: '/signout', field: 'callbackUrl' },
  { name: 'signOut() form action', path: '/signout', field: 'redirectTo' },
  { name: 'signIn() form action, no provider', path: '/signin', field: 'callbackUrl' },
  { name: 'signIn() form action, credentials', path: '/signin', field: 'redirectTo', fields: { providerId: 'credentials' }, credentials: true },
]

const common = {
  basePath: '/auth',
  protectedPage: '/protected',
  protectedApi: '/api/me',
  credentials: { username: user.username, password: user.password },
  redirects: { clientFetch: loopbackFetch, helpers: actions },
}

// ORIGIN fixes event.url; AUTH_TRUST_HOST lets the core use it, forwarded headers are dropped.
defineIntegrationSuite({
  ...common,
  name: 'sveltekit (adapter-node, ORIGIN)',
  start: start((baseUrl) => ({ ORIGIN: baseUrl, AUTH_TRUST_HOST: 'true' }), true),
  oidc: { providerId: 'dev-oidc' },
  redirects: {
    clientFetch: loopbackFetch,
    helpers: [...actions, { name: 'signIn() form action, OpenID provider', path: '/signin', field: 'callbackUrl', fields: { providerId: 'dev-oidc' }, provider: true }],
  },
})

// The adapter is told to trust the proxy's headers: event.url follows them, and so does the core.
defineIntegrationSuite({
  ...common,
  name: 'sveltekit (adapter-node, HOST_HEADER/PROTOCOL_HEADER)',
  start: () => withProxy(start(() => ({ HOST_HEADER: 'x-forwarded-host', PROTOCOL_HEADER: 'x-forwarded-proto', ADDRESS_HEADER: 'x-forwarded-for', AUTH_TRUST_HOST: 'true' }))),
  trustsForwardedHeaders: true,
})

// Response headers (caching, nosniff); every page of the example renders a CSRF token (+layout.server.js).
defineHeadersSuite({
  ...common,
  name: 'sveltekit (adapter-node)',
  secret,
  csrfPage: '/signin',
  start: start((baseUrl) => ({ ORIGIN: baseUrl, AUTH_TRUST_HOST: 'true' }), true),
  oidc: { providerId: 'dev-oidc' },
})

// Passkeys (AUTH_PASSKEYS=1 adds the passkey provider and the in-memory adapter to the example). PASSWORD_MAILBOX
// adds the Password provider, whose mail sender makes passkey sign-up prove the address by mail first.
const passkeyMailbox = join(tmpdir(), `latch-kit-passkeys-${process.pid}.jsonl`)
afterAll(() => rm(passkeyMailbox, { force: true }))
definePasskeySuite({
  name: 'sveltekit (adapter-node)',
  protectedApi: '/api/me',
  start: start((baseUrl) => ({ ORIGIN: baseUrl, AUTH_TRUST_HOST: 'true', AUTH_PASSKEYS: '1', PASSWORD_MAILBOX: passkeyMailbox })),
  mailbox: readMailbox(passkeyMailbox),
})

// Passwords: the example adds the Password provider (accounts in memory) when PASSWORD_MAILBOX names a mail file.
const mailbox = join(tmpdir(), `latch-kit-passwords-${process.pid}.jsonl`)
afterAll(() => rm(mailbox, { force: true }))
definePasswordSuite({
  name: 'sveltekit (adapter-node)',
  protectedApi: '/api/me',
  start: start((baseUrl) => ({ ORIGIN: baseUrl, AUTH_URL: baseUrl, PASSWORD_MAILBOX: mailbox })),
  signInHelper: { path: '/signin', fields: { providerId: 'password' } },
  mailbox: readMailbox(mailbox),
})

// The account and password suites on PostgreSQL and Redis, JWT and database sessions (the example's AUTH_STORE,
// AUTH_SESSION_STRATEGY): one server per store and strategy, all four started together, each serving both suites.
const stores = { postgres: postgresStore, redis: redisStore }
const matrix = (['postgres', 'redis'] as const).flatMap((store) =>
  (['database', 'jwt'] as const).map((strategy) => ({ store, strategy, mailbox: join(tmpdir(), `latch-kit-${store}-${strategy}-${process.pid}.jsonl`) })),
)
const dbs: Awaited<ReturnType<(typeof stores)[keyof typeof stores]>>[] = []
const servers = startTogether(
  matrix.map(({ store, strategy, mailbox }, i) => async () => {
    const db = (dbs[i] = await stores[store](`kit-example-${strategy}`))
    const env = (baseUrl: string) => ({ ORIGIN: baseUrl, AUTH_URL: baseUrl, PASSWORD_MAILBOX: mailbox, AUTH_SESSION_STRATEGY: strategy, ...db.env })
    try {
      const server = await start(env, true)()
      return { baseUrl: server.baseUrl, close: async () => (await server.close(), await db.close(), await rm(mailbox, { force: true })) }
    } catch (e) {
      await db.close()
      throw e
    }
  }),
)
afterAll(() => servers.close())
defineStoreMatrixSuites({
  name: 'sveltekit example',
  protectedApi: '/api/me',
  signInHelper: { path: '/signin', fields: { providerId: 'password' } },
  oidc: { providerId: 'dev-oidc' },
  demo: { username: user.username, password: user.password },
  apps: matrix.map(({ store, strategy, mailbox }, i) => ({ store, strategy, start: () => servers.get(i), mailbox: readMailbox(mailbox), stored: () => dbs[i]!.stored() })),
})

describe('sveltekit: signIn / signOut form actions', () => {
  let server: { baseUrl: string; close(): Promise<void> }
  beforeAll(async () => {
    server = await start((baseUrl) => ({ ORIGIN: baseUrl, AUTH_URL: baseUrl }), true)()
  }, 180_000)
  afterAll(() => server?.close())

  async function send(path: string, jar: CookieJar, form?: Record<string, string>, origin = server.baseUrl) {
    const headers: Record<string, string> = { accept: 'text/html' }
    if (jar.cookies.size) headers.cookie = jar.header()
    const init: RequestInit = { headers, redirect: 'manual' }
    if (form) Object.assign(init, { method: 'POST', body: new URLSearchParams(form).toString() })
    if (form) Object.assign(headers, { 'content-type': 'application/x-www-form-urlencoded', origin })
    const res = await fetch(new URL(path, server.baseUrl), init)
    jar.apply(res)
    return res
  }

  /** The sign-in page renders the CSRF token (from locals.csrfToken()) into its forms. */
  async function pageToken(jar: CookieJar, path = '/signin'): Promise<string> {
    const res = await send(path, jar)
    expect(res.status).toBe(200)
    const token = /name="csrfToken" value="([^"]+)"/.exec(await res.text())?.[1]
    expect(token).toBeTruthy()
    expect(jar.has('csrf-token')).toBe(true)
    return token!
  }

  it('signs in with credentials through the action, and out again', async () => {
    const jar = new CookieJar()
    const csrfToken = await pageToken(jar)
    const res = await send('/signin', jar, { providerId: 'credentials', csrfToken, callbackUrl: '/protected', username: user.username, password: user.password })
    expect(res.status).toBe(303)
    expect(res.headers.get('location')).toBe('/protected')
    expect(jar.has('session-token')).toBe(true)
    // The action's redirect carries the session cookie: never storable (core http/harden.ts).
    expect(res.headers.get('cache-control')).toBe('private, no-store')
    expect(res.headers.get('x-content-type-options')).toBe('nosniff')
    expect((await send('/protected', jar)).status).toBe(200)

    const outToken = await pageToken(jar, '/signout')
    const out = await send('/signout', jar, { csrfToken: outToken })
    expect(out.status).toBe(303)
    expect(out.headers.get('cache-control')).toBe('private, no-store')
    expect(jar.has('session-token')).toBe(false)
    expect((await send('/api/me', jar)).status).toBe(401)
  })

  it('keeps the CSRF check on for actions: no token, no session', async () => {
    const jar = new CookieJar()
    await pageToken(jar)
    for (const csrfToken of [undefined, 'forged']) {
      const form: Record<string, string> = { providerId: 'credentials', username: user.username, password: user.password }
      if (csrfToken) form.csrfToken = csrfToken
      const res = await send('/signin', jar, form)
      expect(res.status).toBe(303)
      expect(res.headers.get('location')).toContain('error')
      expect(jar.has('session-token')).toBe(false)
    }
  })

  it('leaves cross-site form posts to SvelteKit (403)', async () => {
    const jar = new CookieJar()
    const csrfToken = await pageToken(jar)
    const res = await send('/signin', jar, { providerId: 'credentials', csrfToken, username: user.username, password: user.password }, 'https://evil.example')
    expect(res.status).toBe(403)
    expect(jar.has('session-token')).toBe(false)
  })

  it('redirects to the OpenID provider (external URL) and completes the sign-in', async () => {
    const jar = new CookieJar()
    const csrfToken = await pageToken(jar)
    const res = await send('/signin', jar, { providerId: 'dev-oidc', csrfToken, callbackUrl: '/protected' })
    expect(res.status).toBe(303)
    const location = res.headers.get('location')!
    expect(new URL(location).origin).not.toBe(server.baseUrl)
    const callback = await authorizeAtProvider(location, server.baseUrl)
    const done = await send(callback.pathname + callback.search, jar)
    expect(done.headers.get('location')).toBe(`${server.baseUrl}/protected`)
    expect((await send('/api/me', jar)).status).toBe(200)
  })

  it('sends an unknown provider to the sign-in page', async () => {
    const jar = new CookieJar()
    const csrfToken = await pageToken(jar)
    const res = await send('/signin', jar, { providerId: '../../etc', csrfToken })
    expect(res.status).toBe(303)
    expect(res.headers.get('location')).toMatch(/^\/auth\/signin/)
  })
})

// The shared two-factor suite: the example with AUTH_DEMO_TWO_FACTOR=1 (an in-memory adapter, config.twoFactor).
defineTwoFactorSuite({
  name: 'sveltekit (adapter-node)',
  basePath: '/auth',
  protectedApi: '/api/me',
  credentials: { username: user.username, password: user.password },
  start: start((baseUrl) => ({ ORIGIN: baseUrl, AUTH_URL: baseUrl, AUTH_DEMO_TWO_FACTOR: '1' })),
})
