import { describe, expect, it } from 'vitest'
import { Browser, COOKIE, link, overview, post, setup, signIn } from './support.js'

const loc = (res: Response) => new URL(res.headers.get('location')!)

describe.each(['database', 'jwt'] as const)('account: overview and linking (%s sessions)', (strategy) => {
  it('GET account: the user, linked accounts (no tokens), what can be linked; 401 when signed out', async () => {
    const { config, alpha } = setup(strategy)
    const b = await signIn(config, alpha, { id: 'a-1', name: 'Ada', email: 'ada@example.com' })
    const { status, body } = await overview(b)
    expect(status).toBe(200)
    expect(body.user).toMatchObject({ name: 'Ada', email: 'ada@example.com' })
    expect(body.accounts).toEqual([{ provider: 'alpha', providerAccountId: 'a-1', type: 'oauth', name: 'ALPHA' }])
    expect(JSON.stringify(body)).not.toContain('at-alpha')
    expect(body.linkable).toEqual([{ id: 'beta', name: 'BETA' }])
    expect(body.recentSignIn).toBe(true)
    expect(body.sessions).toHaveLength(strategy === 'database' ? 1 : 0)
    const out = await overview(new Browser(config))
    expect(out.status).toBe(401)
    expect(out.body.error).toBe('SessionRequired')
  })

  it('the built-in page: escaped, no script, forms carry the CSRF token; signed out → sign-in page with a way back', async () => {
    const { config, alpha } = setup(strategy)
    const b = await signIn(config, alpha, { id: 'a-1', name: '<img src=x onerror=alert(1)>', email: 'ada@example.com' })
    const res = await b.fetch('/auth/account', { headers: { accept: 'text/html' } })
    expect(res.status).toBe(200)
    expect(res.headers.get('content-security-policy')).toContain("default-src 'none'")
    const html = await res.text()
    expect(html).not.toContain('<img src=x')
    expect(html).toContain('&lt;img src=x')
    expect(html).not.toMatch(/<script/i)
    const csrf = await b.csrf()
    expect(html.match(/name="csrfToken" value="([^"]+)"/)?.[1]).toBe(csrf)
    expect(html).toContain('action="http://app.test/auth/account/link/beta"')
    const out = await new Browser(config).fetch('/auth/account', { headers: { accept: 'text/html' } })
    expect(loc(out).pathname).toBe('/auth/signin')
    expect(loc(out).searchParams.get('callbackUrl')).toBe('http://app.test/auth/account')
  })

  it('links a new provider account to the signed-in user, keeping the session as it is', async () => {
    const { config, adapter, alpha, beta, events } = setup(strategy)
    const b = await signIn(config, alpha, { id: 'a-1', email: 'ada@example.com' })
    const ada = await adapter.getUserByAccount({ provider: 'alpha', providerAccountId: 'a-1' })
    const session = b.jar.get(COOKIE)
    const res = await link(b, beta, { id: 'b-1', email: 'someone-else@example.com' })
    expect(loc(res).href).toBe('http://app.test/auth/account?done=linked%3Abeta')
    expect(await adapter.getUserByAccount({ provider: 'beta', providerAccountId: 'b-1' })).toMatchObject({ id: ada!.id })
    expect(b.jar.get(COOKIE)).toBe(session)
    expect(res.headers.getSetCookie().some((c) => c.startsWith(`${COOKIE}=`))).toBe(false)
    expect(b.jar.has('authjs.account-link')).toBe(false)
    expect(events).toContain('linkAccount:beta')
    expect((await b.session()).user.email).toBe('ada@example.com')
    expect((await overview(b)).body.accounts.map((a: any) => a.provider)).toEqual(['alpha', 'beta'])
  })

  it('refuses an account already linked to another user (OAuthAccountNotLinked), the session unchanged', async () => {
    const { config, adapter, alpha, beta } = setup(strategy)
    await signIn(config, beta, { id: 'b-bob', email: 'bob@example.com' })
    const bob = await adapter.getUserByAccount({ provider: 'beta', providerAccountId: 'b-bob' })
    const b = await signIn(config, alpha, { id: 'a-ada', email: 'ada@example.com' })
    const session = b.jar.get(COOKIE)
    const res = await link(b, beta, { id: 'b-bob', email: 'bob@example.com' })
    expect(loc(res).searchParams.get('error')).toBe('OAuthAccountNotLinked')
    expect(b.jar.get(COOKIE)).toBe(session)
    expect(await adapter.getUserByAccount({ provider: 'beta', providerAccountId: 'b-bob' })).toMatchObject({ id: bob!.id })
    expect((await b.session()).user.email).toBe('ada@example.com')
  })

  it('a link started by user A never completes into user B’s session', async () => {
    const { config, adapter, alpha, beta } = setup(strategy)
    const a = await signIn(config, alpha, { id: 'a-ada', email: 'ada@example.com' })
    const bobBrowser = await signIn(config, alpha, { id: 'a-bob', email: 'bob@example.com' })
    const start = await post(a, 'link/beta')
    const { url } = (await start.json()) as { url: string }
    // The same browser, now signed in as Bob (another session took over the cookie) when the provider answers.
    a.jar.set(COOKIE, bobBrowser.jar.get(COOKIE)!)
    const res = await a.fetch(beta.authorize({ location: url }, { id: 'b-x', email: 'x@example.com' }), { headers: { accept: 'text/html' } })
    expect(loc(res).searchParams.get('error')).toBe('InvalidCheck')
    expect(await adapter.getUserByAccount({ provider: 'beta', providerAccountId: 'b-x' })).toBeNull()
    expect(a.jar.has('authjs.account-link')).toBe(false)
  })

  it('a link intent without its session (signed out meanwhile) links nothing and signs nobody in', async () => {
    const { config, adapter, alpha, beta } = setup(strategy)
    const a = await signIn(config, alpha, { id: 'a-ada', email: 'ada@example.com' })
    const start = await post(a, 'link/beta')
    const { url } = (await start.json()) as { url: string }
    a.jar.delete(COOKIE)
    const res = await a.fetch(beta.authorize({ location: url }, { id: 'b-x', email: 'x@example.com' }))
    expect(loc(res).searchParams.get('error')).toBe('InvalidCheck')
    expect(a.jar.has(COOKIE)).toBe(false)
    expect(await adapter.getUserByAccount({ provider: 'beta', providerAccountId: 'b-x' })).toBeNull()
  })

  it('a link cookie this app did not seal is no link: the callback is an ordinary sign-in', async () => {
    const { config, adapter, alpha, beta } = setup(strategy)
    const b = new Browser(config)
    b.jar.set('authjs.account-link', 'forged')
    const csrfToken = await b.csrf()
    const start = await b.fetch('/auth/signin/beta', { form: { csrfToken } })
    const res = await b.fetch(beta.authorize({ location: start.headers.get('location')! }, { id: 'b-9', email: 'nine@example.com' }))
    expect(loc(res).searchParams.get('error')).toBeNull()
    expect(b.jar.has(COOKIE)).toBe(true)
    expect(b.jar.has('authjs.account-link')).toBe(false)
    expect(await adapter.getUserByAccount({ provider: 'beta', providerAccountId: 'b-9' })).not.toBeNull()
    void alpha
  })

  it('starting a link needs CSRF, a session, a recent sign-in and an OAuth provider', async () => {
    const { config, alpha, tick } = setup(strategy)
    const b = await signIn(config, alpha, { id: 'a-1', email: 'ada@example.com' })
    expect((await post(b, 'link/beta', {}, false)).status).toBe(403)
    expect(b.jar.has('authjs.account-link')).toBe(false)
    expect((await post(new Browser(config), 'link/beta')).status).toBe(401)
    expect((await post(b, 'link/nope')).status).toBe(404)
    tick(301)
    const stale = await post(b, 'link/beta')
    expect(stale.status).toBe(403)
    expect(((await stale.json()) as any).error).toBe('SessionNotFresh')
    expect(b.jar.has('authjs.account-link')).toBe(false)
  })
})
