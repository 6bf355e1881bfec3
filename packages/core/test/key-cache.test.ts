import { describe, expect, it, vi } from 'vitest'

// Every HKDF derivation is one WebCrypto deriveBits call (tokens/keys.ts): record the salt of each.
const calls: string[] = []
const deriveBits = crypto.subtle.deriveBits.bind(crypto.subtle)
vi.spyOn(crypto.subtle, 'deriveBits').mockImplementation((algorithm, key, length) => {
  const a = algorithm as { name: string; salt?: BufferSource }
  if (a.name === 'HKDF') calls.push(new TextDecoder().decode(a.salt as Uint8Array))
  return deriveBits(algorithm, key, length)
})

const { encode, decode } = await import('../src/jwt.js')
const { Auth } = await import('../src/index.js')

describe('derived keys are cached', () => {
  it('derives once per (secret, salt), however many tokens are read and written', async () => {
    const secret = 'cache-test-secret-0123456789abcdef'
    const token = await encode({ token: { sub: '1' }, secret, salt: 'authjs.session-token' })
    expect(calls.filter((s) => s === 'authjs.session-token')).toHaveLength(1)
    for (let i = 0; i < 20; i++) await decode({ token, secret, salt: 'authjs.session-token' })
    const config = { secret, url: 'http://app.test', providers: [] }
    for (let i = 0; i < 20; i++) {
      const res = await Auth(new Request('http://app.test/auth/session', { headers: { cookie: `authjs.session-token=${token}` } }), config)
      expect((await res.json())?.user).toBeDefined()
    }
    expect(calls.filter((s) => s === 'authjs.session-token')).toHaveLength(1)
    await decode({ token, secret, salt: 'other-salt' })
    expect(calls.filter((s) => s === 'other-salt')).toHaveLength(1)
  })
})
