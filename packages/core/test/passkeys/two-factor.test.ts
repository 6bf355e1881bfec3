import { describe, expect, it } from 'vitest'
import { SoftAuthenticator } from '../../src/testing/soft-authenticator.js'
import { passkeyApp } from '../support/passkey.js'

// The passkey → two-factor seam through Auth(): a real assertion sets passkeyUserVerified from its UV flag.
describe('passkeys with two-factor sign-in on', () => {
  it.each<[boolean, string]>([
    [true, 'a session (the passkey verified the user: both factors)'],
    [false, 'the two-factor prompt (presence only: one factor)'],
  ])('user verification %s → %s', async (uv) => {
    const { adapter, browser } = passkeyApp({ provider: { userVerification: 'preferred' }, config: { twoFactor: {} } })
    const device = new SoftAuthenticator({ userVerification: uv })
    const b = browser()
    await b.register(device, { email: 'tf@example.com' })
    const user = await adapter.getUserByEmail('tf@example.com')
    await adapter.setTwoFactor(user!.id, { secret: 'v1.x.y.z', confirmedAt: new Date(), lastUsedStep: null, recoveryCodes: [] })
    const other = browser()
    const res = await other.authenticate(device)
    if (uv) {
      expect(res.headers.get('location')).toBe('https://app.test/')
      expect((await other.session()).user.email).toBe('tf@example.com')
    } else {
      expect(res.headers.get('location')).toBe('https://app.test/auth/two-factor')
      expect(await other.session()).toBeNull()
    }
  })
})
