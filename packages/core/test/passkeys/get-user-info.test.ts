import { describe, expect, it } from 'vitest'
import type { GetUserInfo, WebAuthnUserInfoOptions, WebAuthnUserInfoRequest } from '../../src/passkeys/provider.js'
import { SoftAuthenticator } from '../../src/testing/soft-authenticator.js'
import { passkeyApp, ORIGIN } from '../support/passkey.js'

// Auth.js's Passkey `getUserInfo(options, request)`: how a signed-out options request names its user.
describe('passkeys: getUserInfo (Auth.js shape and meaning)', () => {
  /** Users are named by a `handle` query parameter, as an app with usernames would; every call is recorded. */
  function handleApp(answer?: (handle: string | undefined, options: WebAuthnUserInfoOptions) => ReturnType<GetUserInfo>) {
    const calls: Array<[WebAuthnUserInfoOptions, WebAuthnUserInfoRequest]> = []
    const getUserInfo: GetUserInfo = async (options, request) => {
      calls.push([options, request])
      const handle = request.query.handle
      if (answer) return answer(handle, options)
      if (!handle) return null
      const email = `${handle}@corp.example`
      const existing = await options.adapter.getUserByEmail!(email)
      if (existing) return { user: existing, exists: true }
      return { user: { id: 'ignored', email, name: `Handle ${handle}`, image: 'https://img.example/a.png', emailVerified: new Date() } as never, exists: false }
    }
    return { ...passkeyApp({ provider: { getUserInfo } }), calls }
  }

  it('registers the new user it names, with its fields (never its id or a verified address), Auth.js arguments', async () => {
    const { adapter, browser, calls } = handleApp()
    const b = browser()
    const opts = await b.optionsJson({ handle: 'ada' })
    expect(opts.action).toBe('register')
    expect(opts.options.user.name).toBe('ada@corp.example')
    expect(opts.options.user.displayName).toBe('Handle ada')
    const [options, request] = calls[0]!
    expect(options.adapter).toBe(adapter)
    expect(options.provider.id).toBe('passkey')
    expect(options.url.href).toBe(`${ORIGIN}/auth`)
    expect(request.method).toBe('GET')
    expect(request.query).toMatchObject({ handle: 'ada' })
    expect(request.url.searchParams.get('handle')).toBe('ada')
    expect(Object.keys(request.headers).every((k) => k === k.toLowerCase())).toBe(true)

    expect((await b.post('register', await new SoftAuthenticator().create(opts.options, ORIGIN))).status).toBe(302)
    const user = await adapter.getUserByEmail('ada@corp.example')
    expect(user).toMatchObject({ name: 'Handle ada', image: 'https://img.example/a.png', emailVerified: null })
    expect(user!.id).not.toBe('ignored')
    expect((await b.session()).user.email).toBe('ada@corp.example')
  })

  it('an existing user or nobody authenticates; registering either is a 400; the e-mail parameter is not read', async () => {
    const { browser } = handleApp()
    const device = new SoftAuthenticator()
    await browser().register(device, { handle: 'grace' })
    const anon = browser()
    expect((await anon.optionsJson({ handle: 'grace' })).action).toBe('authenticate')
    expect((await anon.options({ action: 'register', handle: 'grace' })).status).toBe(400)
    expect((await anon.optionsJson({})).action).toBe('authenticate')
    expect((await anon.options({ action: 'register' })).status).toBe(400)
    // Without the app's parameter the default `email` lookup does not apply: nobody is named.
    expect((await anon.optionsJson({ email: 'new@example.com' })).action).toBe('authenticate')
    expect((await anon.authenticate(device)).status).toBe(302)
    expect((await anon.session()).user.email).toBe('grace@corp.example')
  })

  it('is asked only when signed out and not for an explicit authenticate', async () => {
    const { browser, calls } = handleApp()
    const b = browser()
    await b.register(new SoftAuthenticator(), { handle: 'lin' })
    const before = calls.length
    expect((await b.optionsJson({ action: 'register', handle: 'someone-else' })).action).toBe('register')
    expect((await browser().optionsJson({ action: 'authenticate', handle: 'lin' })).action).toBe('authenticate')
    expect(calls.length).toBe(before)
  })

  it('refuses sign-up when allowSignUp is false, a malformed address with a 400, and a broken answer as a configuration error', async () => {
    const closed = passkeyApp({ provider: { allowSignUp: false, getUserInfo: async () => ({ user: { email: 'x@example.com' }, exists: false }) } })
    const res = await closed.browser().options({ action: 'register' })
    expect(res.status).toBe(400)
    expect(await res.json()).toMatchObject({ error: 'AccessDenied' })
    const bad = handleApp(async () => ({ user: { email: 'not an address' }, exists: false }))
    expect((await bad.browser().options({ handle: 'x' })).status).toBe(400)
    const broken = handleApp(async () => ({ user: { email: 'x@example.com' } }) as never)
    const b = broken.browser()
    const answer = await b.options({ handle: 'x' })
    expect(answer.status).toBe(500)
    expect(await answer.text()).not.toContain('x@example.com')
    expect(b.jar.has('__Secure-authjs.challenge')).toBe(false)
  })
})
