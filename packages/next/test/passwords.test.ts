import { beforeEach, describe, expect, it } from 'vitest'
import { MemoryAdapter } from '@latch/core/adapters/memory'
import Password, { hashPassword } from '@latch/core/providers/password'
import NextAuth from '../src/index.js'
import { ORIGIN, RedirectError, nextMock, testConfig } from './helpers.js'

beforeEach(() => nextMock.reset())

async function setup() {
  const adapter = MemoryAdapter()
  const user = await adapter.createUser({ id: crypto.randomUUID(), email: 'ada@example.com', emailVerified: new Date() })
  await adapter.setPasswordHash(user.id, await hashPassword('correct horse battery', { ln: 10, r: 8, p: 1 }))
  const provider = Password({ scrypt: { ln: 10, r: 8, p: 1 }, sendVerificationRequest: () => {} })
  return NextAuth(testConfig({ adapter, session: { strategy: 'jwt' }, providers: [provider] }))
}

describe('server action signIn with the Password provider', () => {
  it("signIn('password', { email, password }) posts to the password callback and sets the session", async () => {
    const { signIn, auth } = await setup()
    const e = await signIn('password', { email: 'ada@example.com', password: 'correct horse battery', redirectTo: '/home' }).then(
      () => undefined,
      (err: unknown) => err,
    )
    expect(e).toBeInstanceOf(RedirectError)
    expect((e as RedirectError).url).toBe(`${ORIGIN}/home`)
    nextMock.headers = new Headers({ cookie: [...nextMock.written].filter(([, c]) => c.value).map(([k, c]) => `${k}=${c.value}`).join('; ') })
    expect((await auth())?.user?.email).toBe('ada@example.com')
  })

  it('a wrong password throws CredentialsSignin and sets no session', async () => {
    const { signIn } = await setup()
    const { CredentialsSignin } = await import('@latch/core')
    const error = await signIn('password', { email: 'ada@example.com', password: 'wrong', redirect: false }).then(
      () => null,
      (err: unknown) => err,
    )
    expect(error).toBeInstanceOf(CredentialsSignin)
    expect(nextMock.written.get('authjs.session-token')).toBeUndefined()
  })
})
