import { win } from './dom.js'
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { act, useEffect } from 'react'
import { createRoot, type Root } from 'react-dom/client'
import { CookieJar, HOSTILE_REDIRECTS, fillPlaceholders, landsOn } from '@latch/core/testing'
import NextAuth from '../src/index.js'
import { SessionProvider, getCsrfToken, getProviders, getSession, signIn, signOut, useSession, type SessionContextValue } from '../src/react/index.js'
import { state } from '../src/react/client.js'
import { ORIGIN, testConfig } from './helpers.js'


/** The browser: fetch goes to the real route handlers with a cookie jar, navigations are recorded. */
const { handlers } = NextAuth(
  testConfig({
    basePath: '/custom/auth',
    callbacks: { jwt: ({ token, trigger, session }) => (trigger === 'update' ? { ...token, name: (session as { name: string }).name } : token) },
    logger: { warn() {} },
  }),
)
let jar = new CookieJar()
let calls: string[] = []
let failSession = false
const navigations: string[] = []

beforeEach(() => {
  jar = new CookieJar()
  calls = []
  failSession = false
  navigations.length = 0
  state.navigate = (url) => void navigations.push(url)
  vi.stubGlobal('fetch', async (input: string, init: RequestInit = {}) => {
    const url = new URL(input, ORIGIN)
    calls.push(`${init.method ?? 'GET'} ${url.pathname}`)
    if (failSession && url.pathname.endsWith('/session')) return new Response('oops', { status: 500 })
    const headers = new Headers(init.headers)
    if (jar.cookies.size) headers.set('cookie', jar.header())
    const req = new Request(url, { ...init, headers })
    const res = await (req.method === 'POST' ? handlers.POST(req as never) : handlers.GET(req as never))
    jar.apply(res)
    return res
  })
})
afterEach(() => vi.unstubAllGlobals())

let root: Root | undefined
let latest: SessionContextValue | undefined
const seen: string[] = []

function Probe(props: { required?: boolean; onUnauthenticated?: () => void }) {
  const value = useSession(props)
  latest = value
  useEffect(() => void seen.push(value.status), [value.status])
  return <p>{value.status}:{value.data?.user?.name ?? '-'}</p>
}

async function mount(ui: React.ReactNode) {
  const el = document.createElement('div')
  document.body.append(el)
  root = createRoot(el)
  await act(async () => root!.render(ui))
  return el
}

async function settle(ms = 30) {
  await act(() => new Promise((r) => setTimeout(r, ms)))
}

afterEach(async () => {
  await act(async () => root?.unmount())
  root = undefined
  seen.length = 0
})

async function signInWithCredentials(password = 'pw') {
  return signIn('credentials', { username: 'ada', password, redirect: false })
}

describe('@latch/next/react', () => {
  it('getCsrfToken, getProviders, getSession against the basePath', async () => {
    await mount(<SessionProvider basePath="/custom/auth" session={null} />)
    expect(typeof (await getCsrfToken())).toBe('string')
    expect(Object.keys((await getProviders()) ?? {})).toEqual(['credentials'])
    expect(await getSession()).toBeNull()
    expect(calls).toEqual(['GET /custom/auth/csrf', 'GET /custom/auth/providers', 'GET /custom/auth/session'])
  })

  it('SessionProvider fetches on mount: loading, then unauthenticated; signIn(redirect:false) is honest', async () => {
    const el = await mount(<SessionProvider basePath="/custom/auth"><Probe /></SessionProvider>)
    await settle()
    expect(seen).toEqual(['loading', 'unauthenticated'])
    const bad = await act(() => signInWithCredentials('wrong'))
    expect(bad).toMatchObject({ ok: false, error: 'CredentialsSignin', url: null, status: 200 })
    expect(latest?.status).toBe('unauthenticated')
    const good = await act(() => signInWithCredentials())
    expect(good).toEqual({ ok: true, status: 200, error: null, code: null, url: 'http://app.test/page' })
    await settle()
    expect(el.textContent).toBe('authenticated:Ada')
    expect(navigations).toEqual([])
  })

  it('with a session prop: no fetch on mount; the prop changing (server refresh) updates the state', async () => {
    const session = { user: { name: 'Server' }, expires: new Date(Date.now() + 60_000).toISOString() }
    const el = await mount(<SessionProvider basePath="/custom/auth" session={session}><Probe /></SessionProvider>)
    expect(el.textContent).toBe('authenticated:Server')
    expect(calls).toEqual([])
    const other = new BroadcastChannel('latch.session')
    const heard: unknown[] = []
    other.onmessage = (e) => heard.push(e.data)
    await act(async () => root!.render(<SessionProvider basePath="/custom/auth" session={null}><Probe /></SessionProvider>))
    expect(el.textContent).toBe('unauthenticated:-')
    // A server-side sign-out (new prop) is news for the other tabs; a refreshed copy of the same session is not.
    await act(async () => root!.render(<SessionProvider basePath="/custom/auth" session={null}><Probe /></SessionProvider>))
    await settle()
    expect(heard).toEqual([{ event: 'session', data: { trigger: 'update' } }])
    other.close()
  })

  it('useSession({ required }) never shows content as allowed and calls onUnauthenticated (or goes to sign-in)', async () => {
    const onUnauthenticated = vi.fn()
    const el = await mount(<SessionProvider basePath="/custom/auth" session={null}><Probe required onUnauthenticated={onUnauthenticated} /></SessionProvider>)
    expect(el.textContent).toBe('loading:-')
    expect(onUnauthenticated).toHaveBeenCalledOnce()
    await act(async () => root!.render(<SessionProvider basePath="/custom/auth" session={null}><Probe required /></SessionProvider>))
    const to = new URL(navigations.at(-1)!, ORIGIN)
    expect(to.pathname).toBe('/custom/auth/signin')
    expect(to.searchParams.get('error')).toBe('SessionRequired')
    expect(to.searchParams.get('callbackUrl')).toBe('http://app.test/page')
  })

  it('fails closed: an error from the session route is unauthenticated', async () => {
    await signInWithCredentials()
    failSession = true
    await mount(<SessionProvider basePath="/custom/auth"><Probe /></SessionProvider>)
    await settle()
    expect(latest?.status).toBe('unauthenticated')
  })

  it('update(data) posts to the session route with the CSRF token', async () => {
    await signInWithCredentials()
    const el = await mount(<SessionProvider basePath="/custom/auth"><Probe /></SessionProvider>)
    await settle()
    const next = await act(() => latest!.update({ name: 'Countess' }))
    expect(next?.user?.name).toBe('Countess')
    expect(el.textContent).toBe('authenticated:Countess')
    expect(calls).toContain('POST /custom/auth/session')
  })

  it('signOut({ redirect: false }) clears the session and tells the other tabs; other tabs are heard', async () => {
    await signInWithCredentials()
    const other = new BroadcastChannel('latch.session')
    const heard: unknown[] = []
    other.onmessage = (e) => heard.push(e.data)
    const el = await mount(<SessionProvider basePath="/custom/auth" refetchOnWindowFocus={false}><Probe /></SessionProvider>)
    await settle()
    expect(el.textContent).toBe('authenticated:Ada')
    const out = await act(() => signOut({ redirect: false, redirectTo: '/bye' }))
    expect(out).toEqual({ url: 'http://app.test/bye' })
    await settle()
    expect(el.textContent).toBe('unauthenticated:-')
    expect(heard).toContainEqual({ event: 'session', data: { trigger: 'signout' } })
    // Another tab signs in: it broadcasts, this tab refetches.
    await act(() => signInWithCredentials())
    calls = []
    await act(async () => other.postMessage({ event: 'session', data: { trigger: 'signin' } }))
    await settle()
    expect(calls).toContain('GET /custom/auth/session')
    expect(el.textContent).toBe('authenticated:Ada')
    other.close()
  })

  it('refetches when the tab becomes visible and on refetchInterval', async () => {
    vi.useFakeTimers({ toFake: ['setInterval', 'clearInterval'] })
    await mount(<SessionProvider basePath="/custom/auth" session={null} refetchInterval={5}><Probe /></SessionProvider>)
    calls = []
    await act(async () => document.dispatchEvent(new win.Event('visibilitychange') as unknown as Event))
    await act(async () => void vi.advanceTimersByTime(5_000))
    vi.useRealTimers()
    await settle()
    expect(calls.filter((c) => c === 'GET /custom/auth/session').length).toBe(2)
  })

  it('signIn without redirect:false navigates; no provider goes to the sign-in page; signOut navigates', async () => {
    await mount(<SessionProvider basePath="/custom/auth" session={null} />)
    await signIn('credentials', { username: 'ada', password: 'pw', redirectTo: '/home' })
    expect(navigations.at(-1)).toBe('http://app.test/home')
    await signIn()
    expect(navigations.at(-1)).toBe('/custom/auth/signin?callbackUrl=http%3A%2F%2Fapp.test%2Fpage')
    await signOut({ redirectTo: '/out' })
    expect(navigations.at(-1)).toBe('http://app.test/out')
  })

  it('the client helpers put every redirectTo through the core check (sign-in page, signOut without an answer)', async () => {
    await mount(<SessionProvider basePath="/custom/auth" session={null} />)
    for (const p of HOSTILE_REDIRECTS.map((x) => fillPlaceholders(x, ORIGIN))) {
      await signIn(undefined, { redirectTo: p })
      const page = new URL(navigations.at(-1)!, ORIGIN)
      expect(page.pathname).toBe('/custom/auth/signin')
      expect(landsOn(page.searchParams.get('callbackUrl')!, ORIGIN), p).toBe(ORIGIN)
    }
    // The server does not answer: the browser still goes nowhere else.
    vi.stubGlobal('fetch', async () => {
      throw new TypeError('offline')
    })
    for (const p of ['//evil.com', '/\\evil.com', 'https://evil.com/', 'javascript:alert(1)']) {
      await signOut({ redirectTo: p })
      expect(landsOn(navigations.at(-1)!, ORIGIN), p).toBe(ORIGIN)
    }
  })
})
