/**
 * The adapter suite's passkey cases (Auth.js's WebAuthn adapter methods, plus Latch's deleteAuthenticator): run by
 * defineAdapterSuite when the adapter has them. Edge-safe.
 */
import { describe, expect, it } from 'vitest'
import type { Adapter, AdapterAuthenticator, AdapterUser } from '../adapters/types.js'
import { Auth } from '../auth.js'
import { Passkey } from '../providers/passkey.js'
import { SoftAuthenticator } from './soft-authenticator.js'
import { CookieJar } from './cookie-jar.js'

type Full = Required<Adapter>

/** `maxCounter`: the largest signature counter the store keeps (AdapterSuiteOptions.maxSignatureCounter). */
export function defineAdapterPasskeyCases(adapter: () => Full, makeUser: () => Promise<AdapterUser>, maxCounter = 4_294_967_295): void {
  const has = (a: Full) =>
    ['getAccount', 'getAuthenticator', 'createAuthenticator', 'listAuthenticatorsByUserId', 'updateAuthenticatorCounter'].every((m) => typeof (a as unknown as Record<string, unknown>)[m] === 'function')

  /** A credential as Latch (and Auth.js) store it: base64 id and key, linked as a `webauthn` account. */
  async function passkeyFor(user: AdapterUser, extra: Partial<AdapterAuthenticator> = {}): Promise<AdapterAuthenticator> {
    const a = adapter()
    const credentialID = btoa(String.fromCharCode(...crypto.getRandomValues(new Uint8Array(32))))
    await a.linkAccount({ userId: user.id, type: 'webauthn', provider: 'passkey', providerAccountId: credentialID })
    return a.createAuthenticator({
      credentialID,
      userId: user.id,
      providerAccountId: credentialID,
      counter: 0,
      credentialBackedUp: false,
      credentialDeviceType: 'singleDevice',
      credentialPublicKey: btoa('public key bytes'),
      transports: 'internal,hybrid',
      ...extra,
    })
  }

  describe('passkeys (WebAuthn authenticators)', () => {
    it('finds an account by its key (getAccount)', async (t) => {
      const a = adapter()
      if (!has(a)) return t.skip()
      const u = await makeUser()
      const key = crypto.randomUUID()
      await a.linkAccount({ userId: u.id, type: 'oauth', provider: 'conf-acc', providerAccountId: key })
      expect(await a.getAccount(key, 'conf-acc')).toMatchObject({ userId: u.id, provider: 'conf-acc', providerAccountId: key, type: 'oauth' })
      expect(await a.getAccount(key, 'other')).toBeNull()
      expect(await a.getAccount('nope', 'conf-acc')).toBeNull()
    })

    it('creates, reads and lists authenticators per user, exactly as given', async (t) => {
      const a = adapter()
      if (!has(a)) return t.skip()
      const u1 = await makeUser()
      const u2 = await makeUser()
      const p1 = await passkeyFor(u1, { counter: 7, credentialBackedUp: true, credentialDeviceType: 'multiDevice' })
      const p2 = await passkeyFor(u1, { transports: null })
      const p3 = await passkeyFor(u2)
      expect(p1).toMatchObject({ counter: 7, credentialBackedUp: true, credentialDeviceType: 'multiDevice', transports: 'internal,hybrid' })
      expect(await a.getAuthenticator(p1.credentialID)).toEqual(p1)
      expect(await a.getAuthenticator(p2.credentialID)).toMatchObject({ credentialID: p2.credentialID, userId: u1.id })
      expect(await a.getAuthenticator('unknown-credential')).toBeNull()
      const list = await a.listAuthenticatorsByUserId(u1.id)
      expect(list.map((x) => x.credentialID).sort()).toEqual([p1.credentialID, p2.credentialID].sort())
      expect((await a.listAuthenticatorsByUserId(u2.id)).map((x) => x.credentialID)).toEqual([p3.credentialID])
      expect(await a.listAuthenticatorsByUserId(crypto.randomUUID())).toEqual([])
      expect(typeof (await a.getAuthenticator(p1.credentialID))!.counter).toBe('number')
    })

    it('refuses a second authenticator with the same credential id', async (t) => {
      const a = adapter()
      if (!has(a)) return t.skip()
      const u = await makeUser()
      const p = await passkeyFor(u)
      await expect(Promise.resolve().then(() => a.createAuthenticator({ ...p }))).rejects.toThrow()
    })

    it(`updates the signature counter (up to ${maxCounter}), and throws for an unknown credential`, async (t) => {
      const a = adapter()
      if (!has(a)) return t.skip()
      const p = await passkeyFor(await makeUser())
      expect((await a.updateAuthenticatorCounter(p.credentialID, maxCounter)).counter).toBe(maxCounter)
      expect((await a.getAuthenticator(p.credentialID))!.counter).toBe(maxCounter)
      await expect(Promise.resolve().then(() => a.updateAuthenticatorCounter('unknown-credential', 1))).rejects.toThrow()
    })

    it('signs up and signs in with a passkey through Auth(); a replayed challenge is refused by the store', async (t) => {
      const a = adapter()
      if (!has(a)) return t.skip()
      const origin = 'https://passkeys.conformance.test'
      const config = { secret: `conformance-passkeys-${crypto.randomUUID()}`, url: origin, adapter: a, providers: [Passkey] }
      const jar = new CookieJar()
      const call = async (path: string, form?: Record<string, string>) => {
        const res = await Auth(
          new Request(`${origin}/auth${path}`, {
            method: form ? 'POST' : 'GET',
            headers: { cookie: jar.header(), ...(form ? { 'content-type': 'application/x-www-form-urlencoded' } : {}) },
            body: form ? new URLSearchParams(form) : undefined,
          }),
          config,
        )
        jar.apply(res)
        return res
      }
      const csrf = async () => ((await (await call('/csrf')).json()) as { csrfToken: string }).csrfToken
      const device = new SoftAuthenticator({ counterStep: 0 })
      const email = `passkey-${crypto.randomUUID()}@conformance.example`
      const reg = (await (await call(`/webauthn-options/passkey?action=register&email=${encodeURIComponent(email)}`)).json()) as { options: never }
      const signUp = await call('/callback/passkey', { csrfToken: await csrf(), action: 'register', data: JSON.stringify(await device.create(reg.options, origin)) })
      expect(signUp.headers.get('location')).toBe(`${origin}/`)
      const user = await a.getUserByEmail(email)
      expect(await a.listAuthenticatorsByUserId(user!.id)).toHaveLength(1)
      jar.cookies.clear()
      const auth = (await (await call('/webauthn-options/passkey?action=authenticate')).json()) as { options: never }
      const challengeCookie = [...jar.cookies].find(([k]) => k.includes('challenge'))!
      const assertion = JSON.stringify(await device.get(auth.options, origin))
      const signIn = await call('/callback/passkey', { csrfToken: await csrf(), action: 'authenticate', data: assertion })
      expect(signIn.headers.get('location')).toBe(`${origin}/`)
      expect(jar.has('session-token')).toBe(true)
      jar.cookies.clear()
      jar.cookies.set(challengeCookie[0], challengeCookie[1])
      const replay = await call('/callback/passkey', { csrfToken: await csrf(), action: 'authenticate', data: assertion })
      expect(replay.headers.get('location')).toContain('error=InvalidCheck')
      expect(jar.has('session-token')).toBe(false)
    })

    it('deletes one authenticator (deleteAuthenticator), and all of a deleted user\'s', async (t) => {
      const a = adapter()
      if (!has(a) || typeof a.deleteAuthenticator !== 'function') return t.skip()
      const u = await makeUser()
      const p1 = await passkeyFor(u)
      const p2 = await passkeyFor(u)
      await a.deleteAuthenticator(p1.credentialID)
      expect(await a.getAuthenticator(p1.credentialID)).toBeNull()
      expect((await a.listAuthenticatorsByUserId(u.id)).map((x) => x.credentialID)).toEqual([p2.credentialID])
      await a.deleteUser(u.id)
      expect(await a.getAuthenticator(p2.credentialID)).toBeNull()
      expect(await a.listAuthenticatorsByUserId(u.id)).toEqual([])
    })
  })
}
