import { describe, expect, it } from 'vitest'
import { Browser, follow, setup, signIn, signUp } from './support.js'

const error = (res: Response) => new URL(res.headers.get('location') ?? 'http://x/').searchParams.get('error')

describe('passwords: sign-up never takes over an existing account without proof of the address', () => {
  it('an OAuth user’s address: no password is set; the owner gets an account-exists mail with a reset link', async () => {
    const env = setup()
    const owner = await env.adapter.createUser!({ id: crypto.randomUUID(), email: 'owner@example.com', emailVerified: new Date() })
    await env.adapter.linkAccount!({ userId: owner.id, type: 'oauth', provider: 'github', providerAccountId: '1' })
    await signUp(new Browser(env.config), 'owner@example.com', 'attacker password')
    expect(await env.adapter.getPasswordHash!(owner.id)).toBeNull()
    expect(error(await signIn(new Browser(env.config), 'owner@example.com', 'attacker password'))).toBe('CredentialsSignin')
    const mail = env.last()
    expect(mail.kind).toBe('account-exists')
    expect(new URL(mail.url).pathname).toBe('/auth/password/reset')
    // The owner proves the address through the link and sets a password on their own account.
    expect((await follow(new Browser(env.config), mail.url, { password: 'owners new password' })).status).toBe(200)
    const b = new Browser(env.config)
    expect(error(await signIn(b, 'owner@example.com', 'owners new password'))).toBeNull()
    expect((await b.session()).user.email).toBe('owner@example.com')
    expect((await env.adapter.getUserByEmail!('owner@example.com'))!.id).toBe(owner.id)
  })

  it('an address nobody proved (an OAuth user whose provider did not affirm it): the prover gets a new user', async () => {
    const env = setup()
    const squatter = await env.adapter.createUser!({ id: crypto.randomUUID(), email: 'ada@example.com', emailVerified: null })
    await env.adapter.linkAccount!({ userId: squatter.id, type: 'oauth', provider: 'evil', providerAccountId: 'x' })
    await signUp(new Browser(env.config), 'ada@example.com', 'ada real password')
    expect(env.last().kind).toBe('account-exists')
    expect(await env.adapter.getPasswordHash!(squatter.id)).toBeNull()
    await follow(new Browser(env.config), env.last().url, { password: 'ada real password' })
    const ada = (await env.adapter.getUserByEmail!('ada@example.com'))!
    expect(ada.id).not.toBe(squatter.id)
    expect(ada.emailVerified).toBeInstanceOf(Date)
    expect((await env.adapter.getUser!(squatter.id))!.email).toBeFalsy()
    expect(await env.adapter.getUserByAccount!({ provider: 'evil', providerAccountId: 'x' })).toMatchObject({ id: squatter.id })
  })

  it('a pre-registered address cannot be used before it is verified, and its owner’s sign-up wins', async () => {
    const env = setup()
    await signUp(new Browser(env.config), 'victim@example.com', 'attacker password')
    expect(error(await signIn(new Browser(env.config), 'victim@example.com', 'attacker password'))).toBe('EmailNotVerified')
    await signUp(new Browser(env.config), 'victim@example.com', 'victims own password')
    await follow(new Browser(env.config), env.last('verify-email').url)
    expect(error(await signIn(new Browser(env.config), 'victim@example.com', 'attacker password'))).toBe('CredentialsSignin')
    expect(error(await signIn(new Browser(env.config), 'victim@example.com', 'victims own password'))).toBeNull()
  })

  it('with requireEmailVerification off, a sign-up never replaces the password of an unverified (live) account', async () => {
    const env = setup({ provider: { requireEmailVerification: false } })
    await signUp(new Browser(env.config), 'ada@example.com', 'adas own password')
    expect(error(await signIn(new Browser(env.config), 'ada@example.com', 'adas own password'))).toBeNull()
    await signUp(new Browser(env.config), 'ada@example.com', 'attacker password')
    expect(env.last().kind).toBe('account-exists')
    expect(error(await signIn(new Browser(env.config), 'ada@example.com', 'attacker password'))).toBe('CredentialsSignin')
    expect(error(await signIn(new Browser(env.config), 'ada@example.com', 'adas own password'))).toBeNull()
  })

  it('with requireEmailVerification off, a reset of an unverified account starts a new user (nothing the squatter linked)', async () => {
    const env = setup({ provider: { requireEmailVerification: false } })
    await signUp(new Browser(env.config), 'victim@example.com', 'attacker password')
    const squatter = (await env.adapter.getUserByEmail!('victim@example.com'))!
    expect(error(await signIn(new Browser(env.config), 'victim@example.com', 'attacker password'))).toBeNull()
    await env.adapter.linkAccount!({ userId: squatter.id, type: 'oauth', provider: 'evil', providerAccountId: 'x' })
    const b = new Browser(env.config)
    const csrfToken = await b.csrf()
    await b.fetch('/auth/password/forgot', { form: { csrfToken, email: 'victim@example.com' } })
    await follow(new Browser(env.config), env.last('reset-password').url, { password: 'victims own password' })
    const victim = (await env.adapter.getUserByEmail!('victim@example.com'))!
    expect(victim.id).not.toBe(squatter.id)
  })
})
