import { describe, expect, it } from 'vitest'
import { SoftAuthenticator, b64u, fromB64u } from '../../src/testing/soft-authenticator.js'
import { passkeyApp, ORIGIN, PasskeyBrowser } from '../support/passkey.js'

/** Each property below has a test that fails without it (checked by disabling the check). */
async function registered(options: Parameters<typeof passkeyApp>[0] = {}, device = new SoftAuthenticator()) {
  const app = passkeyApp(options)
  const b = app.browser()
  const res = await b.register(device, { email: 'ada@example.com' })
  expect(res.status).toBe(302)
  expect(res.headers.get('location')).not.toContain('error')
  return { ...app, device, owner: b }
}

function expectRefused(res: Response, code = 'WebAuthnVerificationError') {
  expect(res.status).toBe(302)
  expect(new URL(res.headers.get('location')!).searchParams.get('error')).toBe(code)
}

async function signedOut(b: PasskeyBrowser) {
  expect(await b.session()).toBeNull()
  expect([...b.jar.keys()].some((k) => k.includes('session-token'))).toBe(false)
}

describe('passkeys: the challenge', () => {
  it('is single-use: the same cookie and response posted twice sign in once', async () => {
    const { browser, device } = await registered({}, new SoftAuthenticator({ counterStep: 0 }))
    const b = browser()
    const { options } = await b.optionsJson({ action: 'authenticate' })
    const assertion = await device.get(options, ORIGIN)
    const copied = new Map(b.jar)
    expect((await b.post('authenticate', assertion)).status).toBe(302)
    expect((await b.session()).user.email).toBe('ada@example.com')
    const thief = browser()
    thief.jar = new Map([...copied].filter(([k]) => !k.includes('session-token')))
    expectRefused(await thief.post('authenticate', assertion), 'InvalidCheck')
    await signedOut(thief)
  })

  it('is short-lived: an answer after challengeMaxAge is refused', async () => {
    const { browser, device, tick } = await registered({ provider: { challengeMaxAge: 60 } })
    const b = browser()
    const { options } = await b.optionsJson({ action: 'authenticate' })
    const assertion = await device.get(options, ORIGIN)
    tick(61)
    expectRefused(await b.post('authenticate', assertion), 'InvalidCheck')
    await signedOut(b)
  })

  it('is bound to the browser that asked for it (cookie): another browser cannot use the response', async () => {
    const { browser, device } = await registered()
    const victim = browser()
    const { options } = await victim.optionsJson({ action: 'authenticate' })
    const assertion = await device.get(options, ORIGIN)
    const attacker = browser()
    expectRefused(await attacker.post('authenticate', assertion), 'InvalidCheck') // no challenge cookie
    await attacker.optionsJson({ action: 'authenticate' }) // its own challenge
    expectRefused(await attacker.post('authenticate', assertion)) // the response names the victim's challenge
    await signedOut(attacker)
  })

  it('a captured assertion replayed with a fresh challenge is refused', async () => {
    const { browser, device } = await registered({}, new SoftAuthenticator({ counterStep: 0 }))
    const b = browser()
    const { options } = await b.optionsJson({ action: 'authenticate' })
    const assertion = await device.get(options, ORIGIN)
    expect((await b.post('authenticate', assertion)).status).toBe(302)
    const replay = browser()
    await replay.optionsJson({ action: 'authenticate' })
    expectRefused(await replay.post('authenticate', assertion))
    await signedOut(replay)
  })

  it('a registration challenge cannot be used to authenticate, nor one provider\'s for another', async () => {
    const { browser, device } = await registered()
    const b = browser()
    const { options } = await b.optionsJson({ action: 'register', email: 'new@example.com' })
    const assertion = await device.get({ challenge: options.challenge }, ORIGIN)
    expectRefused(await b.post('authenticate', assertion), 'InvalidCheck')
  })
})

describe('passkeys: origin and RP ID', () => {
  it('refuses a response from another origin or for another RP ID', async () => {
    const { browser, device } = await registered()
    const b = browser()
    let { options } = await b.optionsJson({ action: 'authenticate' })
    expectRefused(await b.post('authenticate', await device.get(options, 'https://evil.test', device.credentials[0], 'app.test')))
    ;({ options } = await b.optionsJson({ action: 'authenticate' }))
    const other = new SoftAuthenticator()
    await other.create({ challenge: 'x', rp: { id: 'evil.test' }, user: { id: 'AA' } }, 'https://evil.test')
    expectRefused(await b.post('authenticate', await other.get(options, ORIGIN, other.credentials[0], 'evil.test')))
    // A registration from another origin is refused too.
    const c = browser()
    const reg = await c.optionsJson({ action: 'register', email: 'eve@example.com' })
    expectRefused(await c.post('register', await new SoftAuthenticator().create(reg.options, 'https://evil.test')))
    await signedOut(c)
  })

  it('accepts every configured origin (several origins, one RP ID) and only those', async () => {
    const provider = { relyingParty: { id: 'app.test', name: 'App', origin: ['https://app.test', 'https://m.app.test'] } }
    const { browser, device } = await registered({ provider })
    const b = browser()
    let { options } = await b.optionsJson({ action: 'authenticate' })
    expect(options.rpId).toBe('app.test')
    expect((await b.post('authenticate', await device.get(options, 'https://m.app.test', undefined, 'app.test'))).headers.get('location')).not.toContain('error')
    const c = browser()
    ;({ options } = await c.optionsJson({ action: 'authenticate' }))
    expectRefused(await c.post('authenticate', await device.get(options, 'https://x.app.test', undefined, 'app.test')))
  })
})

describe('passkeys: user verification', () => {
  it('is required by default, at registration and at sign-in', async () => {
    const app = passkeyApp()
    const b = app.browser()
    const noUv = new SoftAuthenticator({ userVerification: false })
    expectRefused(await b.register(noUv, { email: 'ada@example.com' }))
    await signedOut(b)
    const { browser, device } = await registered()
    device.userVerification = false
    const c = browser()
    expectRefused(await c.authenticate(device))
    await signedOut(c)
  })

  it('userVerification: "preferred" accepts a presence-only authenticator', async () => {
    const { browser, device } = await registered({ provider: { userVerification: 'preferred' } }, new SoftAuthenticator({ userVerification: false }))
    const b = browser()
    const { options } = await b.optionsJson({ action: 'authenticate' })
    expect(options.userVerification).toBe('preferred')
    expect((await b.post('authenticate', await device.get(options, ORIGIN))).headers.get('location')).not.toContain('error')
    expect((await b.session()).user.email).toBe('ada@example.com')
  })
})

describe('passkeys: signature counter', () => {
  it('refuses a counter that did not move forward (a cloned authenticator)', async () => {
    const { browser, device } = await registered()
    expect((await browser().authenticate(device)).status).toBe(302)
    expect((await browser().authenticate(device)).headers.get('location')).not.toContain('error')
    device.credentials[0]!.counter = 0 // the clone still has the old counter
    const b = browser()
    expectRefused(await b.authenticate(device))
    await signedOut(b)
  })
})

describe('passkeys: unknown credentials', () => {
  it('are refused exactly like a bad signature (nothing says whether anyone has that credential)', async () => {
    const { browser, device } = await registered()
    const stranger = new SoftAuthenticator()
    await stranger.create({ challenge: 'x', rp: { id: 'app.test' }, user: { id: 'AA' } }, ORIGIN)
    const a = browser()
    const unknown = await a.authenticate(stranger)
    const b = browser()
    const { options } = await b.optionsJson({ action: 'authenticate' })
    const forged = await device.get(options, ORIGIN)
    const sig = fromB64u(forged.response.signature)
    sig[sig.length - 1]! ^= 1
    const bad = await b.post('authenticate', { ...forged, response: { ...forged.response, signature: b64u(sig) } })
    expectRefused(unknown)
    expectRefused(bad)
    expect(unknown.headers.get('location')).toBe(bad.headers.get('location'))
    expect(await unknown.text()).toBe(await bad.text())
    await signedOut(a)
    await signedOut(b)
  })
})

describe('passkeys: malformed input is a 400, never a 500 and never a session', () => {
  it('refuses bad or truncated payloads', async () => {
    const { browser, device } = await registered()
    const b = browser()
    const { options } = await b.optionsJson({ action: 'authenticate' })
    const good = await device.get(options, ORIGIN)
    const reg = await new SoftAuthenticator().create({ challenge: 'x', rp: { id: 'app.test' }, user: { id: 'AA' } }, ORIGIN)
    const truncate = (s: string, n: number) => b64u(fromB64u(s).slice(0, n))
    const cases: Array<[string, unknown]> = [
      ['authenticate', undefined],
      ['authenticate', ''],
      ['authenticate', '{'],
      ['authenticate', '[]'],
      ['authenticate', 'null'],
      ['authenticate', JSON.stringify({ ...good, id: 42 })],
      ['authenticate', JSON.stringify({ ...good, id: '' })],
      ['authenticate', JSON.stringify({ ...good, id: 'not base64url!' })],
      ['authenticate', JSON.stringify({ ...good, rawId: 'AAAA' })],
      ['authenticate', JSON.stringify({ ...good, type: 'password' })],
      ['authenticate', JSON.stringify({ ...good, response: 'x' })],
      ['authenticate', JSON.stringify({ ...good, response: { ...good.response, clientDataJSON: '***' } })],
      ['authenticate', JSON.stringify({ ...good, response: { ...good.response, clientDataJSON: b64u(new TextEncoder().encode('{"type":1}')) } })],
      ['authenticate', JSON.stringify({ ...good, response: { ...good.response, authenticatorData: truncate(good.response.authenticatorData, 20) } })],
      ['authenticate', JSON.stringify({ ...good, response: { ...good.response, signature: '' } })],
      ['authenticate', JSON.stringify({ ...good, response: { ...good.response, userHandle: 5 } })],
      ['authenticate', 'x'.repeat(40_000)],
      ['register', JSON.stringify({ ...reg, response: { ...reg.response, attestationObject: truncate(reg.response.attestationObject, 60) } })],
      ['register', JSON.stringify({ ...reg, response: { ...reg.response, attestationObject: b64u(new Uint8Array([0xa1, 0x63])) } })],
      ['register', JSON.stringify({ ...reg, response: { ...reg.response, transports: [{}] } })],
      ['register', JSON.stringify({ ...reg, response: { ...reg.response, attestationObject: undefined } })],
      ['nonsense', JSON.stringify(good)],
      [undefined as unknown as string, JSON.stringify(good)],
    ]
    for (const [action, data] of cases) {
      const csrfToken = await b.csrf()
      const form: Record<string, string> = { csrfToken }
      if (action !== undefined) form.action = action
      if (data !== undefined) form.data = data as string
      const res = await b.fetch('/auth/callback/passkey', { form })
      expect(res.status, `${action} ${String(data).slice(0, 120)}`).toBe(400)
      expect(((await res.json()) as { error: string }).error).toBe('InvalidRequest')
    }
    // A JSON body with data as an array or object of the wrong shape.
    for (const data of [[1, 2], { id: 1 }, { ...good, response: { ...good.response, authenticatorData: 7 } }]) {
      const res = await b.fetch('/auth/callback/passkey', { json: { csrfToken: await b.csrf(), action: 'authenticate', data } })
      expect(res.status).toBe(400)
    }
    // Bad options requests.
    expect((await b.options({ action: 'delete' })).status).toBe(400)
    expect((await b.options({ action: 'register', email: 'not an address' })).status).toBe(400)
    expect((await b.fetch('/auth/webauthn-options/nope')).status).toBe(404)
    await signedOut(b)
  })

  it('refuses a POST without the CSRF token', async () => {
    const { browser, device } = await registered()
    const b = browser()
    const { options } = await b.optionsJson({ action: 'authenticate' })
    const res = await b.fetch('/auth/callback/passkey', { form: { action: 'authenticate', data: JSON.stringify(await device.get(options, ORIGIN)) } })
    expect(res.status).toBe(302)
    expect(res.headers.get('location')).toContain('error=MissingCSRF')
    await signedOut(b)
  })
})

describe('passkeys: the options route', () => {
  it('bounds what one signed-out client can make the store write (each answer stores a challenge): 429 past 300 in 15 minutes', async () => {
    let ip = '203.0.113.7'
    const { browser, adapter } = passkeyApp({ config: { rateLimit: { clientIp: () => ip } } })
    let stored = 0
    const create = adapter.createVerificationToken.bind(adapter)
    adapter.createVerificationToken = (t) => (stored++, create(t))
    const b = browser()
    for (let i = 0; i < 300; i++) expect((await b.options({ action: 'authenticate' })).status).toBe(200)
    const limited = await b.options({ action: 'authenticate' }, 'passkey')
    expect(limited.status).toBe(429)
    expect(limited.headers.get('retry-after')).toBeTruthy()
    expect(stored).toBe(300)
    ip = '203.0.113.8'
    expect((await b.options({ action: 'authenticate' })).status).toBe(200)
  })
})
