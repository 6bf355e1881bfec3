import { describe, expect, it } from 'vitest'
import { verifyPassword } from '../../src/providers/password.js'
import { account, Browser, forgot, setup, signIn, signUp } from './support.js'

const strip = (html: string) => html.replace(/name="csrfToken" value="[^"]*"/g, '')

describe('passwords: no user enumeration', () => {
  it('sign-up answers the same for a new address and a taken one, and sends one mail either way', async () => {
    const env = setup()
    await account(env, 'taken@example.com', 'first password here')
    const sentBefore = env.sent.length
    const a = await signUp(new Browser(env.config), 'taken@example.com', 'another password')
    const b = await signUp(new Browser(env.config), 'fresh@example.com', 'another password')
    expect(a.status).toBe(b.status)
    expect(strip(await a.text())).toBe(strip(await b.text()))
    expect(env.sent.slice(sentBefore).map((m) => m.kind)).toEqual(['account-exists', 'verify-email'])
    const ja = await signUp(new Browser(env.config), 'taken@example.com', 'another password', true)
    const jb = await signUp(new Browser(env.config), 'fresh2@example.com', 'another password', true)
    expect(await ja.json()).toEqual(await jb.json())
  })

  it('sign-in: an unknown address does the same hash work and gets the same answer as a wrong password', async () => {
    const verified: string[] = []
    const env = setup({ provider: { verify: (pw, hash) => (verified.push(hash), verifyPassword(pw, hash)) } })
    await account(env, 'known@example.com', 'first password here')
    verified.length = 0
    const wrong = await signIn(new Browser(env.config), 'known@example.com', 'not the password')
    const unknown = await signIn(new Browser(env.config), 'unknown@example.com', 'not the password')
    expect(wrong.status).toBe(unknown.status)
    expect(wrong.headers.get('location')).toBe(unknown.headers.get('location'))
    // One verification each, at the same cost: the unknown address is checked against a dummy hash.
    expect(verified).toHaveLength(2)
    expect(verified[1]!.split('$').slice(0, 3)).toEqual(verified[0]!.split('$').slice(0, 3))
    const jw = await signIn(new Browser(env.config), 'known@example.com', 'not the password', true)
    const ju = await signIn(new Browser(env.config), 'unknown@example.com', 'not the password', true)
    expect([jw.status, await jw.json()]).toEqual([ju.status, await ju.json()])
  })

  it('a user without a password (OAuth) answers like a wrong password', async () => {
    const env = setup()
    await env.adapter.createUser!({ id: crypto.randomUUID(), email: 'oauth@example.com', emailVerified: new Date() })
    const res = await signIn(new Browser(env.config), 'oauth@example.com', 'anything at all')
    expect(new URL(res.headers.get('location')!).searchParams.get('error')).toBe('CredentialsSignin')
  })

  it('forgot password answers the same whether the address has an account', async () => {
    const env = setup()
    await account(env, 'known@example.com', 'first password here')
    const before = env.sent.length
    const a = await forgot(new Browser(env.config), 'known@example.com')
    const b = await forgot(new Browser(env.config), 'nobody@example.com')
    expect(a.status).toBe(b.status)
    expect(strip(await a.text())).toBe(strip(await b.text()))
    expect(env.sent.slice(before).map((m) => m.identifier)).toEqual(['known@example.com'])
  })
})
