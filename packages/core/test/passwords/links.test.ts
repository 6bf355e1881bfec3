import { describe, expect, it } from 'vitest'
import type { VerificationToken } from '../../src/adapters/types.js'
import { MemoryAdapter } from '../../src/adapters/memory.js'
import { confirmationForm } from '../../src/testing/magic-link.js'
import { account, Browser, follow, forgot, setup, signIn, signUp } from './support.js'

const error = (res: Response) => new URL(res.headers.get('location') ?? 'http://x/').searchParams.get('error')

describe('passwords: reset and verification links', () => {
  it('stores only a hash of the token, under a namespaced identifier no address can spell', async () => {
    const memory = MemoryAdapter()
    const stored: VerificationToken[] = []
    const env = setup({ adapter: { ...memory, createVerificationToken: (t) => (stored.push(t), memory.createVerificationToken(t)) } })
    await signUp(new Browser(env.config), 'ada@example.com', 'first password here')
    const token = new URL(env.last().url).searchParams.get('token')!
    expect(token).toMatch(/^[0-9a-f]{64}$/)
    expect(stored).toHaveLength(1)
    expect(stored[0]!.token).not.toContain(token)
    expect(stored[0]!.identifier).toMatch(/^latch:verify-email:[0-9a-f]{32}:ada@example\.com$/)
    // A magic link for the same address cannot consume it: different identifier.
    expect(await memory.useVerificationToken({ identifier: 'ada@example.com', token: stored[0]!.token })).toBeNull()
  })

  it('opening a link (GET) consumes nothing; the page POSTs with CSRF', async () => {
    const env = setup()
    await account(env, 'ada@example.com', 'first password here')
    await forgot(new Browser(env.config), 'ada@example.com')
    const url = new URL(env.last('reset-password').url)
    const b = new Browser(env.config)
    for (let i = 0; i < 3; i++) expect((await b.fetch(url.pathname + url.search)).status).toBe(200)
    const form = confirmationForm(await (await b.fetch(url.pathname + url.search)).text())!
    const noCsrf = await b.fetch('/auth/password/reset', { form: { ...form.fields, csrfToken: 'forged', password: 'new password here' } })
    expect(error(noCsrf)).toBe('MissingCSRF')
    expect((await follow(b, url.href, { password: 'new password here' })).status).toBe(200)
  })

  it('single use, and 25 concurrent uses of one reset link: exactly one succeeds', async () => {
    const env = setup()
    await account(env, 'ada@example.com', 'first password here')
    await forgot(new Browser(env.config), 'ada@example.com')
    const url = new URL(env.last('reset-password').url)
    const b = new Browser(env.config)
    const form = confirmationForm(await (await b.fetch(url.pathname + url.search)).text())!
    const results = await Promise.all(
      Array.from({ length: 25 }, (_, i) => b.fetch('/auth/password/reset', { form: { ...form.fields, password: `concurrent password ${i}` }, headers: { accept: 'application/json' } })),
    )
    const ok = results.filter((r) => r.status === 200)
    expect(ok).toHaveLength(1)
    for (const r of results) if (r.status !== 200) expect(((await r.json()) as { error: string }).error).toBe('Verification')
    const again = await b.fetch('/auth/password/reset', { form: { ...form.fields, password: 'yet another password' }, headers: { accept: 'application/json' } })
    expect(again.status).toBe(400)
  })

  it('expires', async () => {
    let now = Math.floor(Date.now() / 1000)
    const env = setup({ config: { clock: () => now }, provider: { resetMaxAge: 600 } })
    await account(env, 'ada@example.com', 'first password here')
    await forgot(new Browser(env.config), 'ada@example.com')
    now += 601
    const res = await follow(new Browser(env.config), env.last('reset-password').url, { password: 'new password here' })
    expect(error(res)).toBe('Verification')
    expect(error(await signIn(new Browser(env.config), 'ada@example.com', 'first password here'))).toBeNull()
  })

  it('a weak new password does not burn the link', async () => {
    const env = setup()
    await account(env, 'ada@example.com', 'first password here')
    await forgot(new Browser(env.config), 'ada@example.com')
    const url = env.last('reset-password').url
    expect((await follow(new Browser(env.config), url, { password: 'short' })).status).toBe(400)
    expect((await follow(new Browser(env.config), url, { password: 'long enough now' })).status).toBe(200)
  })

  it('links are bound to the password: once it changes, earlier reset links are dead', async () => {
    const env = setup()
    await account(env, 'ada@example.com', 'first password here')
    await forgot(new Browser(env.config), 'ada@example.com')
    const first = env.last('reset-password').url
    await forgot(new Browser(env.config), 'ada@example.com')
    const second = env.last('reset-password').url
    expect((await follow(new Browser(env.config), second, { password: 'second password' })).status).toBe(200)
    expect(error(await follow(new Browser(env.config), first, { password: 'attacker password' }))).toBe('Verification')
    expect(error(await signIn(new Browser(env.config), 'ada@example.com', 'second password'))).toBeNull()
  })

  it('a verification link is bound to the password of its sign-up: a later sign-up kills it', async () => {
    const env = setup()
    await signUp(new Browser(env.config), 'victim@example.com', 'attacker password')
    const attackers = env.last('verify-email').url
    await signUp(new Browser(env.config), 'victim@example.com', 'victims own password')
    const victims = env.last('verify-email').url
    expect(error(await follow(new Browser(env.config), attackers))).toBe('Verification')
    expect((await follow(new Browser(env.config), victims)).status).toBe(200)
    expect(error(await signIn(new Browser(env.config), 'victim@example.com', 'attacker password'))).toBe('CredentialsSignin')
    expect(error(await signIn(new Browser(env.config), 'victim@example.com', 'victims own password'))).toBeNull()
  })
})
