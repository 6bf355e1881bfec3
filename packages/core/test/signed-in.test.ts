import { describe, expect, it } from 'vitest'
import Credentials from '../src/providers/credentials.js'
import { MemoryAdapter } from '../src/adapters/memory.js'
import type { AuthConfig } from '../src/index.js'
import type { RequestContext } from '../src/context.js'
import { resolveConfig } from '../src/config/resolve.js'
import { parseCookies } from '../src/http/cookies.js'
import { requireRecentSignIn, requireSignedIn, signedIn } from '../src/session/signed-in.js'
import { SessionNotFresh, SessionRequired } from '../src/errors.js'
import { Browser, appSecret } from './support/client.js'

/** The context an account action would get for this browser's cookies (the routes that use it come with them). */
function contextOf(config: AuthConfig, b: Browser): RequestContext {
  const options = resolveConfig(config)
  const request = new Request('http://app.test/auth/session', { headers: { cookie: b.cookieHeader() } })
  return {
    request, options, action: 'session', method: 'GET', authUrl: 'http://app.test/auth', origin: 'http://app.test', secure: false,
    cookies: options.cookiesFor(false), jar: parseCookies(b.cookieHeader()), query: {}, body: undefined,
  }
}

function setup(strategy: 'jwt' | 'database') {
  let now = 1_800_000_000
  const adapter = MemoryAdapter()
  const config: AuthConfig = {
    secret: appSecret(),
    url: 'http://app.test',
    adapter,
    session: { strategy, freshAge: 300 },
    clock: () => now,
    providers: [
      Credentials({
        credentials: { username: {} },
        authorize: async ({ username }) => (username === 'ada' ? adapter.getUserByEmail!('ada@example.com') : null),
      }),
    ],
  }
  return { config, adapter, tick: (s: number) => (now += s), now: () => now }
}

describe.each(['jwt', 'database'] as const)('signed-in user and recent sign-in (%s sessions)', (strategy) => {
  it('knows the user and when they signed in; a session older than freshAge is not recent', async () => {
    const s = setup(strategy)
    const user = await s.adapter.createUser!({ id: '', email: 'ada@example.com', emailVerified: null })
    const b = new Browser(s.config)
    await expect(requireSignedIn(contextOf(s.config, b))).rejects.toBeInstanceOf(SessionRequired)
    expect(await signedIn(contextOf(s.config, b))).toBeNull()
    expect((await b.signInWithCredentials({ username: 'ada' })).status).toBe(302)
    const who = await requireRecentSignIn(contextOf(s.config, b))
    expect(who).toMatchObject({ userId: user.id, authTime: s.now(), strategy })
    s.tick(200)
    // A re-issued session (update) keeps the time of its sign-in, not of the re-issue.
    const csrfToken = await b.csrf()
    expect((await b.fetch('/auth/session', { json: { csrfToken, data: {} } })).status).toBe(200)
    s.tick(101)
    const later = contextOf(s.config, b)
    expect((await requireSignedIn(later)).authTime).toBe(s.now() - 301)
    await expect(requireRecentSignIn(later)).rejects.toBeInstanceOf(SessionNotFresh)
    expect((await requireRecentSignIn(later, 400)).userId).toBe(user.id)
    // Signing in again makes the session recent again.
    expect((await b.signInWithCredentials({ username: 'ada' })).status).toBe(302)
    expect((await requireRecentSignIn(contextOf(s.config, b))).authTime).toBe(s.now())
  })

  it('a session without a recorded sign-in time is never recent', async () => {
    const s = setup(strategy)
    await s.adapter.createUser!({ id: '', email: 'ada@example.com', emailVerified: null })
    const b = new Browser(s.config)
    await b.signInWithCredentials({ username: 'ada' })
    if (strategy === 'database') {
      // Another session's auth-time cookie does not vouch for this one.
      const other = new Browser(s.config)
      await other.signInWithCredentials({ username: 'ada' })
      b.jar.set('authjs.auth-time', other.jar.get('authjs.auth-time')!)
    } else {
      const { encode } = await import('../src/tokens/jwt.js')
      const userId = (await signedIn(contextOf(s.config, b)))!.userId
      const sv = Number(await s.adapter.getSessionVersion!(userId))
      const token = await encode({ token: { sub: userId, sv }, salt: 'authjs.session-token', secret: s.config.secret!, now: s.now() })
      b.jar.set('authjs.session-token', token)
    }
    const who = await requireSignedIn(contextOf(s.config, b))
    expect(who.authTime).toBeUndefined()
    await expect(requireRecentSignIn(contextOf(s.config, b))).rejects.toBeInstanceOf(SessionNotFresh)
  })
})

describe('JWT sessions and users the adapter does not have', () => {
  it("credentials returning the app's own ids (not adapter users) keep their JWT sessions; a deleted adapter user's JWT is no session", async () => {
    const adapter = MemoryAdapter()
    const config: AuthConfig = {
      secret: appSecret(),
      url: 'http://app.test',
      adapter,
      session: { strategy: 'jwt', versionCacheMaxAge: 0 },
      providers: [
        Credentials({
          credentials: { username: {} },
          authorize: async ({ username }) =>
            username === 'external' ? { id: 'ext-1', email: 'ext@example.com' } : username === 'ada' ? adapter.getUserByEmail!('ada@example.com') : null,
        }),
      ],
    }
    const external = new Browser(config)
    await external.signInWithCredentials({ username: 'external' })
    expect((await external.session())?.user?.email).toBe('ext@example.com')
    await adapter.createUser!({ id: 'u-ada', email: 'ada@example.com', emailVerified: null })
    const ada = new Browser(config)
    await ada.signInWithCredentials({ username: 'ada' })
    expect((await ada.session())?.user?.email).toBe('ada@example.com')
    await adapter.deleteUser!('u-ada')
    expect(await ada.session()).toBeNull()
    expect((await external.session())?.user?.email).toBe('ext@example.com')
  })
})
