// The hook in-process, with a structural event (no Kit build): what locals.auth() does with cookies.
import { describe, expect, it } from 'vitest'
import Credentials from '@latch/core/providers/credentials'
import { CookieJar } from '@latch/core/testing'
import { SvelteKitAuth } from '../src/index.js'
import type { KitCookieOptions } from '../src/kit-types.js'

const ORIGIN = 'http://app.test'
const base = {
  secret: 'sveltekit-unit-secret-0123456789abcdef0123456789',
  url: ORIGIN,
  providers: [Credentials({ credentials: {}, authorize: (c) => (c.password === 'pw' ? { id: 'u1', name: 'Una' } : null) })],
}

function event(path: string, jar: CookieJar, init: RequestInit = {}) {
  const headers = new Headers(init.headers)
  if (jar.cookies.size) headers.set('cookie', jar.header())
  const set: { name: string; value: string; options: KitCookieOptions }[] = []
  return {
    set,
    event: {
      request: new Request(ORIGIN + path, { ...init, headers }),
      url: new URL(ORIGIN + path),
      cookies: { get: () => undefined, set: (name: string, value: string, options: KitCookieOptions) => void set.push({ name, value, options }) },
      locals: {} as { auth?: () => Promise<{ user?: { name?: string | null } } | null> },
      getClientAddress: () => '127.0.0.1',
    },
  }
}

async function signedIn(handle: ReturnType<typeof SvelteKitAuth>['handle']): Promise<CookieJar> {
  const jar = new CookieJar()
  const resolve = () => new Response('page')
  const csrf = await handle({ event: event('/auth/csrf', jar).event, resolve })
  jar.apply(csrf)
  const { csrfToken } = (await csrf.json()) as { csrfToken: string }
  const body = new URLSearchParams({ csrfToken, password: 'pw' })
  const res = await handle({
    event: event('/auth/callback/credentials', jar, { method: 'POST', body, headers: { 'content-type': 'application/x-www-form-urlencoded' } }).event,
    resolve,
  })
  jar.apply(res)
  expect(jar.has('session-token')).toBe(true)
  return jar
}

describe('@latch/sveltekit locals.auth()', () => {
  it('re-issues an aging session cookie through event.cookies', async () => {
    const { handle } = SvelteKitAuth({ ...base, session: { updateAge: 0 } })
    const jar = await signedIn(handle)
    const { event: e, set } = event('/protected', jar)
    await handle({ event: e, resolve: () => new Response('page') })
    expect((await e.locals.auth!())?.user?.name).toBe('Una')
    const session = set.find((c) => c.name === 'authjs.session-token')
    expect(session?.value).toMatch(/^ey/)
    expect(session?.options).toMatchObject({ path: '/', httpOnly: true, sameSite: 'lax' })
  })

  it('sets nothing for a fresh session, and clears a bad cookie', async () => {
    const { handle } = SvelteKitAuth(base)
    const jar = await signedIn(handle)
    const fresh = event('/protected', jar)
    await handle({ event: fresh.event, resolve: () => new Response('page') })
    expect((await fresh.event.locals.auth!())?.user?.name).toBe('Una')
    expect(fresh.set).toEqual([])
    const badJar = new CookieJar()
    const bad = event('/protected', badJar, { headers: { cookie: 'authjs.session-token=garbage' } })
    await handle({ event: bad.event, resolve: () => new Response('page') })
    expect(await bad.event.locals.auth!()).toBeNull()
    expect(bad.set.find((c) => c.name === 'authjs.session-token')?.options.maxAge).toBe(0)
  })
})

describe('@latch/sveltekit locals.auth() while the session store is down', () => {
  it("throws SvelteKit's 503 (the error page, Retry-After on the response), never null; a session again once the store is back", async () => {
    const { MemoryAdapter } = await import('@latch/core/adapters/memory')
    const inner = MemoryAdapter()
    await inner.createUser!({ id: 'u1', email: 'una@example.com', emailVerified: null, name: 'Una' })
    const state = { down: false }
    const refused = () => Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:1'), { code: 'ECONNREFUSED' })
    const adapter = { ...inner, getSessionAndUser: (t: string) => (state.down ? Promise.reject(refused()) : inner.getSessionAndUser!(t)) }
    const { handle } = SvelteKitAuth({
      ...base,
      adapter,
      session: { strategy: 'database' },
      logger: { error: () => {}, warn: () => {}, debug: () => {} },
      providers: [Credentials({ credentials: {}, authorize: (c) => (c.password === 'pw' ? inner.getUser!('u1') : null) })],
    })
    const jar = await signedIn(handle)
    // A page whose load reads the session: SvelteKit turns a thrown error(503) into its error page with that status.
    const page = (e: ReturnType<typeof event>['event']) => async () => {
      try {
        return new Response(`hello ${(await e.locals.auth!())?.user?.name}`)
      } catch (err) {
        return new Response('error page', { status: (err as { status?: number }).status ?? 500 })
      }
    }
    state.down = true
    const down = event('/protected', jar)
    const res = await handle({ event: down.event, resolve: page(down.event) })
    expect(res.status).toBe(503)
    expect(res.headers.get('retry-after')).toBe('5')
    state.down = false
    const up = event('/protected', jar)
    const ok = await handle({ event: up.event, resolve: page(up.event) })
    expect(await ok.text()).toBe('hello Una')
    expect(ok.headers.get('retry-after')).toBeNull()
  })
})
