import { describe, expect, it } from 'vitest'
import bcrypt from 'bcryptjs'
import { hashPassword, scryptNeedsRehash, verifyPassword } from '../../src/providers/password.js'
import { parseScryptHash } from '../../src/passwords/hash.js'
import { account, Browser, FAST, setup, signIn } from './support.js'

describe('passwords: hashing', () => {
  it('scrypt with its parameters and salt in the stored string; the default cost is OWASP’s', async () => {
    const h = await hashPassword('correct horse battery')
    expect(h).toMatch(/^\$scrypt\$ln=17,r=8,p=1\$[A-Za-z0-9+/]{22}\$[A-Za-z0-9+/]{43}$/)
    expect(await verifyPassword('correct horse battery', h)).toBe(true)
    expect(await verifyPassword('correct horse batterY', h)).toBe(false)
    const again = await hashPassword('correct horse battery', FAST)
    expect(again).toMatch(/^\$scrypt\$ln=10,r=8,p=1\$/)
    expect(parseScryptHash(again)!.salt).not.toEqual(parseScryptHash(await hashPassword('correct horse battery', FAST))!.salt)
  })

  it('compares NFKC-normalized passwords', async () => {
    const h = await hashPassword('pa\u0301ssword', FAST)
    expect(await verifyPassword('p\u00e1ssword', h)).toBe(true)
  })

  it('refuses stored parameters out of bounds without running them', async () => {
    const h = await hashPassword('x', FAST)
    const t = Date.now()
    for (const params of ['ln=30,r=8,p=1', 'ln=20,r=32,p=1', 'ln=17,r=8,p=16', 'ln=0,r=8,p=1']) {
      expect(await verifyPassword('x', h.replace('ln=10,r=8,p=1', params)), params).toBe(false)
    }
    expect(Date.now() - t).toBeLessThan(1000)
    expect(await verifyPassword('x', 'not a hash')).toBe(false)
    expect(await verifyPassword('x', '$2a$10$abcdefghijklmnopqrstuv')).toBe(false)
  })

  it('knows which hashes to upgrade', async () => {
    expect(scryptNeedsRehash(await hashPassword('x', FAST), { ln: 12, r: 8, p: 1 })).toBe(true)
    expect(scryptNeedsRehash(await hashPassword('x', FAST), FAST)).toBe(false)
    expect(scryptNeedsRehash('$2a$10$whatever', FAST)).toBe(true)
  })

  it('upgrades a weaker scrypt hash on sign-in', async () => {
    const weak = setup()
    await account(weak, 'up@example.com', 'upgrade me please')
    const user = await weak.adapter.getUserByEmail!('up@example.com')
    const before = (await weak.adapter.getPasswordHash!(user!.id))!
    expect(before).toContain('ln=10')
    const stronger = setup({ adapter: weak.adapter, provider: { scrypt: { ln: 11, r: 8, p: 1 } } })
    await signIn(new Browser(stronger.config), 'up@example.com', 'upgrade me please')
    const after = (await weak.adapter.getPasswordHash!(user!.id))!
    expect(after).toContain('ln=11')
    expect(await verifyPassword('upgrade me please', after)).toBe(true)
  })

  it('migrates bcrypt hashes: a custom verify accepts them, the first sign-in stores scrypt instead', async () => {
    const env = setup({
      provider: { verify: (pw, hash) => (hash.startsWith('$2') ? bcrypt.compare(pw, hash) : verifyPassword(pw, hash)) },
    })
    const user = await env.adapter.createUser!({ id: crypto.randomUUID(), email: 'legacy@example.com', emailVerified: new Date() })
    await env.adapter.setPasswordHash!(user.id, bcrypt.hashSync('old site password', 4))
    const b = new Browser(env.config)
    const res = await signIn(b, 'legacy@example.com', 'old site password')
    expect(res.headers.get('location')).toBe('http://app.test/')
    const stored = (await env.adapter.getPasswordHash!(user.id))!
    expect(stored).toMatch(/^\$scrypt\$ln=10,/)
    expect(await verifyPassword('old site password', stored)).toBe(true)
    // And the migrated user keeps signing in.
    expect((await signIn(new Browser(env.config), 'legacy@example.com', 'old site password')).headers.get('location')).toBe('http://app.test/')
    expect(new URL((await signIn(new Browser(env.config), 'legacy@example.com', 'wrong')).headers.get('location')!).searchParams.get('error')).toBe('CredentialsSignin')
  })
})
