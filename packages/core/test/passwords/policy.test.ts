import { describe, expect, it } from 'vitest'
import { hashPassword } from '../../src/providers/password.js'
import { account, Browser, change, setup, signIn, signUp } from './support.js'
import { FAST } from './support.js'

describe('passwords: policy', () => {
  it('minimum length (in characters, after NFKC), a form error that keeps the page', async () => {
    const env = setup({ provider: { minLength: 10 } })
    const res = await signUp(new Browser(env.config), 'ada@example.com', 'nine char')
    expect(res.status).toBe(400)
    const html = await res.text()
    expect(html).toContain('at least 10 characters')
    expect(html).toContain('action="http://app.test/auth/signup/password"')
    expect(env.sent).toHaveLength(0)
    const json = await signUp(new Browser(env.config), 'ada@example.com', 'nine char', true)
    expect(json.status).toBe(400)
    expect(await json.json()).toMatchObject({ error: 'PasswordPolicy' })
    expect(await env.adapter.getUserByEmail!('ada@example.com')).toBeNull()
  })

  it('maximum length is checked before anything is hashed (sign-up and sign-in)', async () => {
    const hashed: number[] = []
    const checked: number[] = []
    const env = setup({
      provider: {
        maxLength: 64,
        hash: (pw) => (hashed.push(pw.length), hashPassword(pw, FAST)),
        verify: async () => (checked.push(1), false),
        isCompromised: () => (checked.push(2), false),
      },
    })
    const huge = 'x'.repeat(60_000)
    const up = await signUp(new Browser(env.config), 'ada@example.com', huge, true)
    expect(up.status).toBe(400)
    expect(await up.json()).toMatchObject({ error: 'PasswordPolicy' })
    const inn = await signIn(new Browser(env.config), 'ada@example.com', huge, true)
    expect(inn.status).toBe(401)
    expect(hashed).toEqual([])
    expect(checked).toEqual([])
  })

  it('isCompromised refuses a breached password at sign-up and change; a failing check refuses too', async () => {
    let breached = new Set(['password123456'])
    const env = setup({ provider: { isCompromised: (pw) => breached.has(pw) } })
    const res = await signUp(new Browser(env.config), 'ada@example.com', 'password123456', true)
    expect(await res.json()).toMatchObject({ error: 'PasswordPolicy' })
    const b = await account(env, 'bo@example.com', 'a fine password')
    expect((await change(b, { currentPassword: 'a fine password', password: 'password123456' }, true)).status).toBe(400)
    breached = { has: () => { throw new Error('API down') } } as unknown as Set<string>
    expect((await change(b, { currentPassword: 'a fine password', password: 'another fine one' }, true)).status).toBe(400)
  })
})
