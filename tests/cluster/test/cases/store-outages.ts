import { expect, it } from 'vitest'
import type { Cluster } from '../../harness/cluster.js'
import { Client, countStatuses, seedUser, sleep, steadyLoad, type LoadSample } from '../../harness/client.js'

/**
 * Split samples by the outage window [down, up + settle]: answered before it began, sent after it ended, and the rest
 * (a request sent just before the stop and answered during it belongs to the window).
 */
function phases(samples: LoadSample[], down: number, up: number, settle: number) {
  const before = samples.filter((s) => s.at + s.ms < down)
  const after = samples.filter((s) => s.at >= up + settle)
  return { before, during: samples.filter((s) => !before.includes(s) && !after.includes(s)), after }
}

function report(name: string, p: ReturnType<typeof phases>) {
  console.log(
    `${name}: before ${JSON.stringify(countStatuses(p.before))}, during ${JSON.stringify(countStatuses(p.during))}, after ${JSON.stringify(countStatuses(p.after))}`,
  )
}

export function storeOutageCases(get: () => Cluster) {
  it('PostgreSQL stopped for 5 s under steady load: 2xx before and after, only 503 + Retry-After in the window, nothing lost', async () => {
    const cluster = get()
    cluster.proxy.failures = []
    await seedUser(cluster.adapter, 'outage-pg@example.com')
    const client = new Client(cluster.url)
    expect((await client.signIn('/auth', 'outage-pg@example.com')).location).toBe(`${cluster.url}/`)
    const cookie = client.jar.header()
    const before = await cluster.pool.query('SELECT (SELECT count(*) FROM users)::int AS users, (SELECT count(*) FROM sessions)::int AS sessions')
    const check = (path: string) => async () => {
      const res = await fetch(`${cluster.url}${path}`, { headers: { cookie, accept: 'application/json' } })
      const body = await res.text()
      return { status: res.status, retryAfter: res.headers.get('retry-after'), instance: res.headers.get('x-instance'), location: null, body }
    }
    const sessions = steadyLoad(check('/auth/session'), 40)
    const api = steadyLoad(check('/api/me'), 80)
    await sleep(1500)
    const down = sessions.elapsed()
    const stopAt = new Date().toISOString()
    await cluster.postgres.stop()
    await sleep(5000)
    const up = sessions.elapsed()
    await cluster.postgres.start()
    await sleep(4000)
    const [s, a] = [await sessions.stop(), await api.stop()]
    // A request already past its query when the server stops may still succeed; the pool reconnects within ~1.5 s.
    for (const [name, samples] of [['GET /auth/session', s], ['GET /api/me (requireAuth / verifyAuth)', a]] as const) {
      const p = phases(samples, down, up, 2000)
      report(`PostgreSQL stopped 5 s, ${name}`, p)
      if (p.before.some((x) => x.status !== 200)) {
        const early = cluster.instances.flatMap((i) => i.log.split('\n').filter((l) => / \d{4}-\d\d-\d\dT/.test(l) && l.split(' ')[1]! < stopAt))
        console.log('answers before the stop that were not 200:', JSON.stringify(p.before.filter((x) => x.status !== 200)), '\ninstance errors before the stop:\n' + early.slice(-10).join('\n'))
      }
      expect(p.before.every((x) => x.status === 200)).toBe(true)
      expect(p.after.length).toBeGreaterThan(10)
      expect(p.after.every((x) => x.status === 200)).toBe(true)
      expect(p.during.filter((x) => x.status === 503).length).toBeGreaterThan(10)
      for (const x of p.during) {
        expect([200, 503]).toContain(x.status)
        if (x.status === 503) expect(Number(x.retryAfter)).toBeGreaterThan(0)
      }
    }
    expect(cluster.dead()).toEqual([])
    console.log('proxy upstream failures:', JSON.stringify(cluster.proxy.failures))
    expect(cluster.proxy.failures.filter((f) => !f.retried)).toEqual([])
    const after = await cluster.pool.query('SELECT (SELECT count(*) FROM users)::int AS users, (SELECT count(*) FROM sessions)::int AS sessions')
    expect(after.rows[0]).toEqual(before.rows[0])
    expect((await client.session('/auth')).json?.user?.email).toBe('outage-pg@example.com')
  })

  it('Redis killed and restarted under steady sign-in load: sign-ins fail closed (503 error page) in the window, work before and after; session checks unaffected', async () => {
    const cluster = get()
    cluster.proxy.failures = []
    const emails = Array.from({ length: 20 }, (_, i) => `outage-redis-${i}@example.com`)
    for (const e of emails) await seedUser(cluster.adapter, e)
    let n = 0
    const signIns = steadyLoad(async () => {
      const c = new Client(cluster.url)
      const email = emails[n++ % emails.length]!
      const a = await c.signIn('/auth', email)
      // A failed sign-in lands on the error page: what the browser gets there is the status that counts.
      if (a.status === 302 && a.location?.includes('error=')) {
        const page = await c.request(new URL(a.location).pathname + new URL(a.location).search, { headers: { accept: 'text/html' } })
        return { ...page, body: a.location }
      }
      return a.status === 302 && a.location === `${cluster.url}/` ? { ...a, status: 200 } : a
    }, 100)
    const reader = new Client(cluster.url)
    await seedUser(cluster.adapter, 'outage-redis-reader@example.com')
    await reader.signIn('/auth', 'outage-redis-reader@example.com')
    const cookie = reader.jar.header()
    const sessions = steadyLoad(async () => {
      const res = await fetch(`${cluster.url}/auth/session`, { headers: { cookie } })
      return { status: res.status, retryAfter: res.headers.get('retry-after'), instance: null, location: null, body: await res.text() }
    }, 50)
    await sleep(1500)
    const down = signIns.elapsed()
    await cluster.redisServer.kill()
    await sleep(5000)
    const up = signIns.elapsed()
    await cluster.redisServer.start()
    await sleep(4000)
    const [si, ss] = [await signIns.stop(), await sessions.stop()]
    const p = phases(si, down, up, 2000)
    report('Redis killed 5 s, credentials sign-in (rate limit on Redis)', p)
    expect(p.before.every((x) => x.status === 200)).toBe(true)
    expect(p.after.length).toBeGreaterThan(5)
    expect(p.after.every((x) => x.status === 200)).toBe(true)
    expect(p.during.filter((x) => x.status === 503).length).toBeGreaterThan(5)
    for (const x of p.during) {
      expect([200, 503]).toContain(x.status)
      if (x.status === 503) expect(Number(x.retryAfter)).toBeGreaterThan(0)
    }
    const q = phases(ss, down, up, 2000)
    report('Redis killed 5 s, GET /auth/session (database sessions on PostgreSQL)', q)
    expect(ss.every((x) => x.status === 200)).toBe(true)
    expect(cluster.dead()).toEqual([])
    console.log('proxy upstream failures:', JSON.stringify(cluster.proxy.failures))
    expect(cluster.proxy.failures.filter((f) => !f.retried)).toEqual([])
  })
}
