import { readFileSync } from 'node:fs'
import { fileURLToPath } from 'node:url'
import { describe, expect, it } from 'vitest'
import { decode, decodeLegacy, getToken } from '../src/jwt.js'
import { Auth, type AuthConfig } from '../src/index.js'
import { CHUNK_SIZE } from '../src/http/chunks.js'

interface Vector {
  format: 'authjs-v5' | 'nextauth-v4'
  case?: string
  secret: string | string[]
  salt: string
  cookie?: string
  token: string
  payload: Record<string, unknown> | null
}

const file = fileURLToPath(new URL('../../../../shared/interop/session-tokens.json', import.meta.url))
const { vectors } = JSON.parse(readFileSync(file, 'utf8')) as { vectors: Vector[] }

describe('interop: real Auth.js v5 and NextAuth v4 tokens', () => {
  it('has vectors to test against', () => {
    expect(vectors.length).toBeGreaterThanOrEqual(8)
    expect(vectors.some((v) => v.format === 'nextauth-v4')).toBe(true)
  })

  for (const v of vectors) {
    const name = `${v.format}: ${v.case ?? `salt ${v.salt}`}`
    it(`decode ${name}`, async () => {
      const out =
        v.format === 'authjs-v5'
          ? await decode({ token: v.token, secret: v.secret, salt: v.salt })
          : await decodeLegacy({ token: v.token, secret: v.secret })
      if (v.payload === null) {
        expect(out).toBeNull()
      } else {
        expect(out).toMatchObject(v.payload)
        expect(typeof out!.exp).toBe('number')
        expect(typeof out!.iat).toBe('number')
        expect(typeof out!.jti).toBe('string')
      }
    })
  }

  it('a v5 token is not accepted by the v4 decoder and vice versa', async () => {
    const v5 = vectors.find((v) => v.format === 'authjs-v5' && v.payload)!
    const v4 = vectors.find((v) => v.format === 'nextauth-v4')!
    expect(await decodeLegacy({ token: v5.token, secret: v5.secret })).toBeNull()
    expect(await decode({ token: v4.token, secret: v4.secret, salt: 'authjs.session-token' })).toBeNull()
  })

  const base = vectors.find((v) => v.format === 'authjs-v5' && v.salt === 'authjs.session-token' && !v.case)!
  const config = (extra: Partial<AuthConfig> = {}): AuthConfig => ({
    secret: base.secret,
    url: 'http://app.test',
    providers: [],
    ...extra,
  })

  it('an Auth.js v5 session cookie is a Latch session (no one is logged out by the switch)', async () => {
    const res = await Auth(new Request('http://app.test/auth/session', { headers: { cookie: `authjs.session-token=${base.token}` } }), config())
    expect(res.status).toBe(200)
    const session = await res.json()
    expect(session.user).toEqual({ name: 'Ada Lovelace', email: 'ada@example.com', image: 'https://example.com/ada.png' })
  })

  it('the __Secure- cookie is read on https', async () => {
    const v = vectors.find((x) => x.format === 'authjs-v5' && x.salt.startsWith('__Secure-') && x.payload)!
    const res = await Auth(
      new Request('https://app.test/auth/session', { headers: { cookie: `__Secure-authjs.session-token=${v.token}` } }),
      config({ url: 'https://app.test' }),
    )
    expect((await res.json()).user.email).toBe('ada@example.com')
  })

  it('the large vector round-trips through chunked cookies .0 .1 ...', async () => {
    const big = vectors.find((v) => v.case?.startsWith('large'))!
    expect(big.token.length).toBeGreaterThan(CHUNK_SIZE)
    const step = 3000
    const parts: string[] = []
    for (let i = 0; i * step < big.token.length; i++) parts.push(`authjs.session-token.${i}=${big.token.slice(i * step, (i + 1) * step)}`)
    expect(parts.length).toBeGreaterThan(1)
    const res = await Auth(new Request('http://app.test/auth/session', { headers: { cookie: parts.join('; ') } }), config())
    const session = await res.json()
    expect(session.user.email).toBe('ada@example.com')
    const token = await getToken({ req: new Request('http://app.test/', { headers: { cookie: parts.join('; ') } }), secret: big.secret })
    expect((token as { groups: string[] }).groups).toHaveLength(120)
  })

  it('a NextAuth v4 cookie is read only with legacy on, and then re-issued as a v5 cookie', async () => {
    const v4 = vectors.find((v) => v.format === 'nextauth-v4')!
    const req = () => new Request('http://app.test/auth/session', { headers: { cookie: `next-auth.session-token=${v4.token}` } })
    expect(await (await Auth(req(), config())).json()).toBeNull()
    const res = await Auth(req(), config({ legacy: { nextAuthV4: true } }))
    const session = await res.json()
    expect(session.user.email).toBe('ada@example.com')
    const cookies = res.headers.getSetCookie()
    expect(cookies.some((c) => c.startsWith('authjs.session-token=ey'))).toBe(true)
    expect(cookies.some((c) => c.startsWith('next-auth.session-token=;') && /Max-Age=0/.test(c))).toBe(true)
    const v4token = await getToken({ req: req(), secret: v4.secret, legacy: true })
    expect(v4token?.sub).toBe('user-123')
  })

  it('rotation: the old-secret token reads under [new, old], not under [new]', async () => {
    const rot = vectors.find((v) => v.case?.startsWith('key rotation'))!
    const secrets = rot.secret as string[]
    const cookie = `authjs.session-token=${rot.token}`
    const withBoth = await Auth(new Request('http://app.test/auth/session', { headers: { cookie } }), config({ secret: secrets }))
    expect((await withBoth.json()).user.name).toBe('Ada Lovelace')
    const newOnly = await Auth(new Request('http://app.test/auth/session', { headers: { cookie } }), config({ secret: [secrets[0]!] }))
    expect(await newOnly.json()).toBeNull()
  })
})
