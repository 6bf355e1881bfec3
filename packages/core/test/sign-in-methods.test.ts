import { describe, expect, it } from 'vitest'
import { remainingAfter, type SignInMethods } from '../src/account/sign-in-methods.js'

const acc = (provider: string) => ({ userId: 'u', type: 'oauth', provider, providerAccountId: `${provider}-1` })

describe('ways left to sign in', () => {
  const only = (m: Partial<SignInMethods>): SignInMethods => ({ accounts: [], password: false, passkeys: 0, email: false, ...m })

  it('counts every kind, minus the one removed', () => {
    const m = only({ accounts: [acc('github'), acc('google')], password: true, passkeys: 2, email: true })
    expect(remainingAfter(m, { account: { provider: 'github', providerAccountId: 'github-1' } })).toBe(5)
    expect(remainingAfter(m, { password: true })).toBe(5)
    expect(remainingAfter(m, { passkey: 'cred' })).toBe(5)
  })

  it('the last way cannot go; an account the user does not have removes nothing', () => {
    expect(remainingAfter(only({ accounts: [acc('github')] }), { account: { provider: 'github', providerAccountId: 'github-1' } })).toBe(0)
    expect(remainingAfter(only({ password: true }), { password: true })).toBe(0)
    expect(remainingAfter(only({ passkeys: 1 }), { passkey: 'cred' })).toBe(0)
    expect(remainingAfter(only({ accounts: [acc('github')] }), { account: { provider: 'github', providerAccountId: 'other' } })).toBe(1)
    expect(remainingAfter(only({ passkeys: 1, email: true }), { passkey: 'cred' })).toBe(1)
  })
})
