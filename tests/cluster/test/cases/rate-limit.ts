import { expect, it } from 'vitest'
import type { Cluster } from '../../harness/cluster.js'
import { Client, seedUser } from '../../harness/client.js'

/** The instances run `identifier: { max: 5 }`; guesses spread over the 3 instances share that budget. */
export async function guessesSpreadOverInstances(cluster: Cluster, email: string) {
  await seedUser(cluster.adapter, email)
  const client = new Client(cluster.url)
  const answers = []
  for (let i = 0; i < 9; i++) answers.push(await client.signIn('/auth', email, `wrong-${i}`))
  // The right password after the budget is spent is refused too: the limit is per account, not per instance.
  const right = await client.signIn('/auth', email)
  return { answers, right }
}

export function rateLimitCases(get: () => Cluster) {
  it('credentials guesses over 3 instances (Redis store) get the budget of one: 5, then 429', async () => {
    const { answers, right } = await guessesSpreadOverInstances(get(), 'guess-redis@example.com')
    expect(new Set(answers.map((a) => a.instance)).size).toBe(3)
    expect(answers.slice(0, 5).map((a) => a.status)).toEqual([302, 302, 302, 302, 302])
    for (const a of answers.slice(0, 5)) expect(a.location).toContain('error=CredentialsSignin')
    expect(answers.slice(5).map((a) => a.status)).toEqual([429, 429, 429, 429])
    for (const a of answers.slice(5)) expect(Number(a.retryAfter)).toBeGreaterThan(0)
    expect(right.status).toBe(429)
  })
}
