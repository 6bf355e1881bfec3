import { expect, it } from 'vitest'
import type { Cluster } from '../../harness/cluster.js'
import { Client, oauthSignIn } from '../../harness/client.js'
import { guessesSpreadOverInstances } from './rate-limit.js'

/** A JWT session signed in through the stand-in whose access token is already due for a refresh. */
export async function expiringSession(cluster: Cluster): Promise<string> {
  cluster.idp.codeExpiresIn = 1
  const client = new Client(cluster.url)
  const { answer } = await oauthSignIn(client, '/jwt/auth')
  cluster.idp.codeExpiresIn = 3600
  expect(answer?.status).toBe(302)
  expect(answer?.location).toBe(`${cluster.url}/`)
  return client.jar.header()
}

type SessionBody = { user?: { email?: string }; accessToken?: string; error?: string } | null

async function race(cluster: Cluster) {
  const cookie = await expiringSession(cluster)
  cluster.idp.grants = []
  cluster.idp.reused = 0
  const answers = await Promise.all(
    Array.from({ length: 60 }, async () => {
      const res = await fetch(`${cluster.url}/jwt/auth/session`, { headers: { cookie } })
      return { status: res.status, instance: res.headers.get('x-instance'), body: (await res.json()) as SessionBody }
    }),
  )
  expect(cluster.idp.grants).toHaveLength(1)
  expect(cluster.idp.reused).toBe(0)
  expect(new Set(answers.map((a) => a.instance)).size).toBe(3)
  const access = new Set(answers.map((a) => a.body?.accessToken))
  expect(access.size).toBe(1)
  expect([...access][0]).toMatch(/^at-\d+$/)
  for (const a of answers) {
    expect(a.status).toBe(200)
    expect(a.body?.user?.email).toBe('oauth-user@example.com')
    expect(a.body?.error).toBeUndefined()
  }
}

export function refreshRaceCases(get: () => Cluster) {
  it('60 concurrent session checks with one expired access token, lock on PostgreSQL: exactly 1 refresh grant, all 60 signed in', async () => {
    await race(get())
  })

  it('the same with the lock on Redis (and rate limits on PostgreSQL)', async () => {
    const cluster = get()
    await cluster.startInstances({ LOCK: 'redis', RATE_LIMIT: 'postgres' })
    await race(cluster)
    // The PostgreSQL rate-limit store holds the limit across instances too.
    const { answers, right } = await guessesSpreadOverInstances(cluster, 'guess-pg@example.com')
    expect(answers.map((a) => a.status)).toEqual([302, 302, 302, 302, 302, 429, 429, 429, 429])
    expect(right.status).toBe(429)
    await cluster.startInstances({ LOCK: 'postgres', RATE_LIMIT: 'redis' })
  })
}
