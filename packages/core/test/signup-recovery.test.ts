import { describe, expect, it } from 'vitest'
import { customFetch, type AuthConfig } from '../src/index.js'
import type { Adapter } from '../src/adapters/types.js'
import { MemoryAdapter } from '../src/adapters/memory.js'
import { Browser, SECRET } from './support/client.js'
import { fakeOAuth, quietLogger } from './support/fake-oauth.js'

// A sign-up that dies between createUser and linkAccount (a killed process, a store that times out on the second
// write) must not lock the person out: found by tests/cluster (an instance SIGKILLed mid-callback).
const loc = (res: Response) => new URL(res.headers.get('location')!)
const refused = () => Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:1'), { code: 'ECONNREFUSED' })

function setup() {
  const alpha = fakeOAuth('alpha')
  const inner = MemoryAdapter() as Required<Adapter>
  const state = { failLink: 0, now: Math.floor(Date.now() / 1000) }
  const adapter: Adapter = {
    ...inner,
    linkAccount: async (a) => {
      if (state.failLink-- > 0) throw refused()
      await inner.linkAccount(a)
    },
  }
  const config: AuthConfig = {
    secret: SECRET,
    url: 'http://app.test',
    logger: quietLogger,
    adapter,
    clock: () => state.now,
    session: { strategy: 'database' },
    providers: [alpha.provider],
    [customFetch]: alpha.fetch,
  }
  return { alpha, inner, state, config }
}

const ada = { id: 'a-1', name: 'Ada', email: 'ada@example.com' }

describe('a sign-up cut between createUser and linkAccount', () => {
  it('the next attempt of the same account finishes it: same user, linked, signed in', async () => {
    const { alpha, inner, state, config } = setup()
    state.failLink = 1
    const first = await alpha.signIn(new Browser(config), ada)
    expect(loc(first).searchParams.get('error')).toBe('StoreUnavailable')
    const orphan = await inner.getUserByEmail('ada@example.com')
    expect(orphan).toBeTruthy()
    expect(await inner.getUserByAccount({ provider: 'alpha', providerAccountId: 'a-1' })).toBeNull()
    state.now += 300
    const b = new Browser(config)
    const again = await alpha.signIn(b, ada)
    expect(loc(again).searchParams.get('error')).toBeNull()
    expect((await b.session()).user.email).toBe('ada@example.com')
    expect((await inner.getUserByAccount({ provider: 'alpha', providerAccountId: 'a-1' }))?.id).toBe(orphan!.id)
  })

  it('another account with the same address still gets OAuthAccountNotLinked', async () => {
    const { alpha, state, config } = setup()
    state.failLink = 1
    await alpha.signIn(new Browser(config), ada)
    const other = await alpha.signIn(new Browser(config), { ...ada, id: 'a-2' })
    expect(loc(other).searchParams.get('error')).toBe('OAuthAccountNotLinked')
  })

  it('after the recovery window (20 min at most) the address rule holds as before', async () => {
    const { alpha, state, config } = setup()
    state.failLink = 1
    await alpha.signIn(new Browser(config), ada)
    state.now += 1300
    const late = await alpha.signIn(new Browser(config), ada)
    expect(loc(late).searchParams.get('error')).toBe('OAuthAccountNotLinked')
  })

  it('a user who already has the derived id (signed up, unlinked, signs up again) gets a fresh random id, no conflict', async () => {
    const { alpha, inner, config } = setup()
    await alpha.signIn(new Browser(config), ada)
    const first = (await inner.getUserByAccount({ provider: 'alpha', providerAccountId: 'a-1' }))!
    await inner.unlinkAccount({ provider: 'alpha', providerAccountId: 'a-1' })
    await inner.updateUser({ id: first.id, email: 'changed@example.com' })
    const b = new Browser(config)
    expect(loc(await alpha.signIn(b, ada)).searchParams.get('error')).toBeNull()
    const second = (await inner.getUserByAccount({ provider: 'alpha', providerAccountId: 'a-1' }))!
    expect(second.id).not.toBe(first.id)
  })

  it('a user who unlinked that account (and keeps another) is not handed back to it within the window', async () => {
    const { alpha, inner, state, config } = setup()
    await alpha.signIn(new Browser(config), ada)
    const first = (await inner.getUserByAccount({ provider: 'alpha', providerAccountId: 'a-1' }))!
    await inner.linkAccount({ userId: first.id, type: 'oauth', provider: 'beta', providerAccountId: 'b-1' })
    await inner.unlinkAccount({ provider: 'alpha', providerAccountId: 'a-1' })
    state.now += 60
    await alpha.signIn(new Browser(config), ada)
    expect((await inner.getUserByAccount({ provider: 'alpha', providerAccountId: 'a-1' }))?.id).not.toBe(first.id)
    expect((await inner.listAccounts(first.id)).map((a) => a.provider)).toEqual(['beta'])
  })
})
