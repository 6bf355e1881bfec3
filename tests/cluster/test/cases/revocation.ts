import { expect, it } from 'vitest'
import type { Cluster } from '../../harness/cluster.js'
import { apiOf, Client, seedUser, sleep, type Mount } from '../../harness/client.js'

/** Session checks of `client` until one has landed on each instance; returns who saw a user. */
async function checkEveryInstance(cluster: Cluster, client: Client, mount: Mount) {
  const seen = new Map<string, boolean>()
  for (let i = 0; i < 12 && seen.size < cluster.instances.length; i++) {
    const s = await client.session(mount)
    expect(s.status).toBe(200)
    seen.set(s.instance!, !!s.json?.user)
  }
  expect(seen.size).toBe(cluster.instances.length)
  return seen
}

async function signedIn(cluster: Cluster, mount: Mount, email: string) {
  const client = new Client(cluster.url)
  const a = await client.signIn(mount, email)
  expect(a.status).toBe(302)
  expect(a.location).not.toContain('error')
  return client
}

export function revocationCases(get: () => Cluster) {
  it('database sessions: a sign-out on one instance is seen by every instance at once', async () => {
    const cluster = get()
    await seedUser(cluster.adapter, 'revoke-one@example.com')
    const client = await signedIn(cluster, '/auth', 'revoke-one@example.com')
    expect([...(await checkEveryInstance(cluster, client, '/auth')).values()]).toEqual([true, true, true])
    const cookie = client.jar.header()
    const out = await client.request('/auth/signout', { form: { csrfToken: await client.csrf('/auth') } })
    expect(out.status).toBe(302)
    // The old cookie, replayed at once on every instance: no session anywhere.
    const replay = new Client(cluster.url)
    for (const [k, v] of cookie.split('; ').map((p) => p.split('='))) replay.jar.cookies.set(k!, v!)
    expect([...(await checkEveryInstance(cluster, replay, '/auth')).values()]).toEqual([false, false, false])
  })

  it('database sessions: sign out everywhere on one instance ends every device on every instance at once', async () => {
    const cluster = get()
    await seedUser(cluster.adapter, 'revoke-all@example.com')
    const [a, b] = [await signedIn(cluster, '/auth', 'revoke-all@example.com'), await signedIn(cluster, '/auth', 'revoke-all@example.com')]
    expect([...(await checkEveryInstance(cluster, b, '/auth')).values()]).toEqual([true, true, true])
    const revoked = await a.request(`${apiOf('/auth')}/signout-everywhere`, { method: 'POST' })
    expect(revoked.status).toBe(200)
    expect([...(await checkEveryInstance(cluster, b, '/auth')).values()]).toEqual([false, false, false])
    expect((await b.me('/auth')).status).toBe(401)
  })

  it('JWT sessions with the adapter: sign out everywhere reaches every instance within versionCacheMaxAge (2 s)', async () => {
    const cluster = get()
    const bound = 2000
    await seedUser(cluster.adapter, 'revoke-jwt@example.com')
    const [a, b] = [await signedIn(cluster, '/jwt/auth', 'revoke-jwt@example.com'), await signedIn(cluster, '/jwt/auth', 'revoke-jwt@example.com')]
    // Warm every instance's version cache with the current version.
    expect([...(await checkEveryInstance(cluster, b, '/jwt/auth')).values()]).toEqual([true, true, true])
    const revoked = await a.request(`${apiOf('/jwt/auth')}/signout-everywhere`, { method: 'POST' })
    expect(revoked.status).toBe(200)
    const t0 = Date.now()
    // Every instance, directly, every 100 ms, with the revoked token; the revoking one must never accept it again.
    const lastSeen = new Map<string, number>()
    const cookies = b.jar.header()
    while (Date.now() - t0 < bound + 1500) {
      // When a check is sent (not answered) counts: a slow answer on a loaded machine is not a stale cache.
      const sent = Date.now() - t0
      const answers = await Promise.all(
        cluster.instances.map(async (i) => {
          const res = await fetch(`http://127.0.0.1:${i.port}/jwt/auth/session`, { headers: { cookie: cookies } })
          return { name: i.name, user: !!((await res.json()) as { user?: unknown } | null)?.user, status: res.status }
        }),
      )
      for (const x of answers) {
        expect(x.status).toBe(200)
        if (x.user) lastSeen.set(x.name, sent)
      }
      if (answers.every((x) => !x.user)) break
      await sleep(100)
    }
    const worst = Math.max(0, ...lastSeen.values())
    console.log(`JWT sign-out-everywhere: last instance still accepting the token ${worst} ms after the revoke (bound ${bound} ms)`)
    expect(lastSeen.has(revoked.instance!)).toBe(false)
    expect(worst).toBeLessThanOrEqual(bound + 300)
    // Settled: no instance accepts it any more.
    for (const i of cluster.instances) {
      const res = await fetch(`http://127.0.0.1:${i.port}/jwt/api/me`, { headers: { cookie: cookies, accept: 'application/json' } })
      expect(res.status).toBe(401)
    }
  })
}
