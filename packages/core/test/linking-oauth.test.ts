import { describe, expect, it } from 'vitest'
import { customFetch, type AuthConfig } from '../src/index.js'
import type { Adapter } from '../src/adapters/types.js'
import { MemoryAdapter } from '../src/adapters/memory.js'
import Credentials from '../src/providers/credentials.js'
import { Browser, SECRET } from './support/client.js'
import { combinedFetch, fakeOAuth, quietLogger } from './support/fake-oauth.js'
import { capturingEmail, openLink, requestLink } from './support/mail.js'

const COOKIE = 'authjs.session-token'
const loc = (res: Response) => new URL(res.headers.get('location')!)

function setup(strategy: 'jwt' | 'database' = 'database', adapter: Adapter = MemoryAdapter()) {
  const alpha = fakeOAuth('alpha')
  const beta = fakeOAuth('beta', { allowDangerousEmailAccountLinking: true })
  const mail = capturingEmail()
  const events: string[] = []
  const config: AuthConfig = {
    secret: SECRET,
    url: 'http://app.test',
    logger: quietLogger,
    adapter,
    session: { strategy },
    providers: [
      alpha.provider,
      beta.provider,
      mail.provider,
      Credentials({ credentials: {}, authorize: (c) => (c.username ? { id: String(c.username) } : null) }),
    ],
    events: {
      createUser: ({ user }) => void events.push(`createUser:${user.email}`),
      linkAccount: ({ account, user }) => void events.push(`linkAccount:${account.provider}:${user.id === undefined ? '?' : 'user'}`),
    },
    [customFetch]: combinedFetch(alpha, beta),
  }
  return { adapter: adapter as Required<Adapter>, alpha, beta, mail, events, config }
}

async function userIdOf(adapter: Required<Adapter>, b: Browser): Promise<string | undefined> {
  const found = await adapter.getSessionAndUser(b.jar.get(COOKIE)!)
  return found?.user.id
}

describe.each(['database', 'jwt'] as const)('account linking (%s sessions)', (strategy) => {
  it('a new OAuth account creates a user and links it; signing in again finds the same user', async () => {
    const { adapter, alpha, events, config } = setup(strategy)
    const b = new Browser(config)
    const res = await alpha.signIn(b, { id: 'a-1', name: 'Ada', email: 'ada@example.com' })
    expect(res.headers.get('location')).toBe('http://app.test/dashboard')
    const user = await adapter.getUserByAccount({ provider: 'alpha', providerAccountId: 'a-1' })
    expect(user).toMatchObject({ email: 'ada@example.com', name: 'Ada', emailVerified: null })
    expect(events).toEqual(['createUser:ada@example.com', 'linkAccount:alpha:user'])
    const again = new Browser(config)
    await alpha.signIn(again, { id: 'a-1', name: 'Ada', email: 'ada@example.com' })
    expect(events).toHaveLength(2)
    expect((await again.session()).user.email).toBe('ada@example.com')
  })

  it('OAuthAccountNotLinked when the email belongs to another user and linking is not allowed', async () => {
    const { adapter, alpha, config } = setup(strategy)
    await adapter.createUser({ id: 'u-ada', email: 'ada@example.com', emailVerified: new Date(), name: 'Ada' })
    const b = new Browser(config)
    const res = await alpha.signIn(b, { id: 'a-1', email: 'ada@example.com' })
    expect(loc(res).pathname).toBe('/auth/signin')
    expect(loc(res).searchParams.get('error')).toBe('OAuthAccountNotLinked')
    expect(b.jar.has(COOKIE)).toBe(false)
    expect(await adapter.getUserByAccount({ provider: 'alpha', providerAccountId: 'a-1' })).toBeNull()
  })

  it('allowDangerousEmailAccountLinking links into a user whose email is verified', async () => {
    const { adapter, beta, mail, config } = setup(strategy)
    const b = new Browser(config)
    await requestLink(b, 'ada@example.com')
    await openLink(b, mail.last().url)
    const emailUser = await adapter.getUserByEmail('ada@example.com')
    expect(emailUser!.emailVerified).toBeInstanceOf(Date)
    const c = new Browser(config)
    const res = await beta.signIn(c, { id: 'b-1', email: 'ada@example.com', email_verified: true })
    expect(res.headers.get('location')).toBe('http://app.test/dashboard')
    expect(await adapter.getUserByAccount({ provider: 'beta', providerAccountId: 'b-1' })).toMatchObject({ id: emailUser!.id })
  })

  it('never links into a user whose email is unverified, even with allowDangerousEmailAccountLinking', async () => {
    const { adapter, alpha, beta, config } = setup(strategy)
    // alpha creates the user; nobody proved the address.
    await alpha.signIn(new Browser(config), { id: 'a-1', email: 'ada@example.com' })
    const b = new Browser(config)
    const res = await beta.signIn(b, { id: 'b-evil', email: 'ada@example.com' })
    expect(loc(res).searchParams.get('error')).toBe('OAuthAccountNotLinked')
    expect(b.jar.has(COOKIE)).toBe(false)
    expect(await adapter.getUserByAccount({ provider: 'beta', providerAccountId: 'b-evil' })).toBeNull()
  })

  it('never links on an address the provider reports as unverified (email_verified: false)', async () => {
    const { adapter, beta, mail, config } = setup(strategy)
    const b = new Browser(config)
    await requestLink(b, 'ada@example.com')
    await openLink(b, mail.last().url)
    const c = new Browser(config)
    const res = await beta.signIn(c, { id: 'b-unverified', email: 'ada@example.com', email_verified: false })
    expect(loc(res).searchParams.get('error')).toBe('OAuthAccountNotLinked')
    expect(c.jar.has(COOKIE)).toBe(false)
    expect(await adapter.getUserByAccount({ provider: 'beta', providerAccountId: 'b-unverified' })).toBeNull()
  })

  it('a signed-in user links a new account to themselves', async () => {
    const { adapter, alpha, beta, events, config } = setup(strategy)
    const b = new Browser(config)
    await alpha.signIn(b, { id: 'a-1', email: 'ada@example.com' })
    const ada = await adapter.getUserByAccount({ provider: 'alpha', providerAccountId: 'a-1' })
    await beta.signIn(b, { id: 'b-1', email: 'other-address@example.com' })
    expect(await adapter.getUserByAccount({ provider: 'beta', providerAccountId: 'b-1' })).toMatchObject({ id: ada!.id })
    expect(events.filter((e) => e.startsWith('createUser'))).toHaveLength(1)
    expect((await b.session()).user.email).toBe('ada@example.com')
  })

  it('a signed-in user cannot take over an account linked to someone else', async () => {
    const { adapter, alpha, beta, config } = setup(strategy)
    await beta.signIn(new Browser(config), { id: 'b-bob', email: 'bob@example.com' })
    const b = new Browser(config)
    await alpha.signIn(b, { id: 'a-ada', email: 'ada@example.com' })
    const before = b.jar.get(COOKIE)
    const res = await beta.signIn(b, { id: 'b-bob', email: 'bob@example.com' })
    expect(loc(res).searchParams.get('error')).toBe('OAuthAccountNotLinked')
    expect(b.jar.get(COOKIE)).toBe(before)
    const bob = await adapter.getUserByEmail('bob@example.com')
    expect(await adapter.getUserByAccount({ provider: 'beta', providerAccountId: 'b-bob' })).toMatchObject({ id: bob!.id })
    if (strategy === 'database') expect(await userIdOf(adapter, b)).not.toBe(bob!.id)
  })
})
