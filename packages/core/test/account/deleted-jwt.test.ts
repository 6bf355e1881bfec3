import { describe, expect, it } from 'vitest'
import { Browser, post, setup, signIn } from './support.js'

/**
 * A new OAuth user's id is derived from the provider account for ten minutes (actions/signup-id.ts), so signing
 * up, deleting the account and signing up again with the same provider account gives the same id back. A JWT from
 * before the deletion must not be a session of the new account: the new user's session version starts elsewhere
 * (random in the Latch adapters) and the check refuses a token from far ahead (session/version.ts).
 */
describe('account deletion and JWT sessions', () => {
  it("a JWT of a deleted account is no session of a new account that got the same id back", async () => {
    const { config, alpha, adapter } = setup('jwt', { session: { strategy: 'jwt', freshAge: 300, versionCacheMaxAge: 0 } })
    const profile = { id: 'same-person', email: 'ada@example.com' }
    const first = await signIn(config, alpha, profile)
    const other = await signIn(config, alpha, profile) // a second device of the first account
    const firstId = (await other.session()).user.id as string
    expect((await post(first, 'delete')).status).toBe(200)
    expect(await adapter.getUser(firstId)).toBeNull()
    const oldJar = new Map(other.jar)
    expect(await other.session()).toBeNull()

    const again = await signIn(config, alpha, profile)
    const session = await again.session()
    expect(session.user.id).toBe(firstId) // the derived id came back: the case this test is about
    other.jar = oldJar // the JWT from before the deletion (the check above made this browser drop it)
    expect(await other.session()).toBeNull()
    expect((await new Browser(config).session())).toBeNull()
  })
})
