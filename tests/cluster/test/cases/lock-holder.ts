import { expect, it } from 'vitest'
import type { Cluster } from '../../harness/cluster.js'
import { sleep } from '../../harness/client.js'
import { expiringSession } from './refresh-race.js'

// Lock TTL max(15 s, 3 × 2 s provider timeout) = 15 s; waiters give up after 2 s + 1 s.
const LOCK_TTL = 15_000

export function lockHolderCases(get: () => Cluster) {
  it('the refresh lock holder is killed (SIGKILL) mid-refresh: the lock expires, another instance refreshes, the user stays signed in', async () => {
    const cluster = get()
    const cookie = await expiringSession(cluster)
    cluster.idp.reset()
    cluster.idp.mode = 'hang-first-refresh'
    const first = fetch(`${cluster.url}/jwt/auth/session`, { headers: { cookie } }).catch(() => null)
    for (let i = 0; i < 200 && !cluster.idp.hung.length; i++) await sleep(10)
    const t0 = Date.now()
    const holder = cluster.instances.find((i) => i.name === cluster.idp.hung[0])!
    expect(holder).toBeDefined()
    holder.child.kill('SIGKILL')
    await new Promise((r) => holder.child.once('exit', r))
    await first
    const seen: { at: number; status: number; signedIn: boolean; error?: string; accessToken?: string }[] = []
    let refreshedAt = -1
    while (Date.now() - t0 < LOCK_TTL + 8000) {
      const res = await fetch(`${cluster.url}/jwt/auth/session`, { headers: { cookie } })
      const body = (await res.json().catch(() => null)) as { user?: unknown; error?: string; accessToken?: string } | null
      seen.push({ at: Date.now() - t0, status: res.status, signedIn: !!body?.user, error: body?.error, accessToken: body?.accessToken })
      if (body?.accessToken?.startsWith('at-') && !body.error) {
        refreshedAt = Date.now() - t0
        break
      }
      await sleep(500)
    }
    console.log(`lock holder killed: refreshed by another instance after ${refreshedAt} ms; answers before: ${JSON.stringify(seen.slice(0, -1).map((s) => `${s.status}${s.error ? ` ${s.error}` : ''}`))}`)
    expect(refreshedAt).toBeGreaterThan(0)
    expect(refreshedAt).toBeLessThan(LOCK_TTL + 5000)
    // Never signed out on the way: every answer was a 200 with the user (a transient RefreshAccessTokenError at most).
    for (const s of seen) {
      expect(s.status).toBe(200)
      expect(s.signedIn).toBe(true)
    }
    expect(cluster.idp.grants).toHaveLength(1)
    expect(cluster.idp.grants[0]).not.toBe(holder.name)
    expect(cluster.idp.reused).toBe(0)
    cluster.idp.reset()
    await cluster.restart(holder)
  }, 60_000)
}
