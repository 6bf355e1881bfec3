import { expect, it } from 'vitest'
import type { Cluster } from '../../harness/cluster.js'
import { Client, oauthSignIn, sleep } from '../../harness/client.js'

export function killedSignInCases(get: () => Cluster) {
  it('the instance that started an OAuth sign-in is killed before the callback: the callback completes on another, and a new attempt works', async () => {
    const cluster = get()
    cluster.idp.subject = 'killed-start'
    const client = new Client(cluster.url)
    const { start, callback } = await oauthSignIn(client, '/auth', { stopAfterAuthorize: true })
    const starter = cluster.instances.find((i) => i.name === start.instance)!
    starter.child.kill('SIGKILL')
    await new Promise((r) => starter.child.once('exit', r))
    const answer = await client.request(callback)
    expect(answer.status).toBe(302)
    expect(answer.location).toBe(`${cluster.url}/`)
    expect((await client.me('/auth')).status).toBe(200)
    await cluster.restart(starter)
    const again = new Client(cluster.url)
    expect((await oauthSignIn(again, '/auth')).answer?.location).toBe(`${cluster.url}/`)
    cluster.idp.reset()
  })

  it('an instance killed mid-callback (user row written, account never linked) leaves nothing that breaks the next attempt', async () => {
    const cluster = get()
    cluster.idp.subject = 'killed-callback'
    const client = new Client(cluster.url)
    const { callback } = await oauthSignIn(client, '/auth', { stopAfterAuthorize: true })
    // Hold inserts into accounts (reads go on): the callback creates the user, then waits on linkAccount.
    const blocker = await cluster.pool.connect()
    await blocker.query('BEGIN')
    await blocker.query('LOCK TABLE accounts IN SHARE MODE')
    const victim = cluster.instances[0]!
    const pending = fetch(`http://127.0.0.1:${victim.port}${new URL(callback).pathname}${new URL(callback).search}`, {
      headers: { cookie: client.jar.header() },
      redirect: 'manual',
    }).catch(() => null)
    let waiting = false
    for (let i = 0; i < 100 && !waiting; i++) {
      const { rows } = await cluster.pool.query(`SELECT 1 FROM pg_stat_activity WHERE wait_event_type = 'Lock' AND query ILIKE '%accounts%'`)
      waiting = rows.length > 0
      if (!waiting) await sleep(10)
    }
    expect(waiting).toBe(true)
    victim.child.kill('SIGKILL')
    await pending
    // PostgreSQL notices the dead client only when the insert gets its lock: end that backend, as a server-side
    // statement timeout, a failover or a restart would, so the account row is never written.
    await cluster.pool.query(`SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE wait_event_type = 'Lock' AND query ILIKE '%accounts%'`)
    await blocker.query('ROLLBACK')
    blocker.release()
    await cluster.restart(victim)
    const { rows } = await cluster.pool.query(`SELECT u.id, (SELECT count(*) FROM accounts a WHERE a.user_id = u.id)::int AS accounts FROM users u WHERE email = $1`, [
      'killed-callback@example.com',
    ])
    console.log('after the kill mid-callback:', JSON.stringify(rows))
    // The next attempt, on any instance, signs the same person in.
    for (let n = 0; n < 3; n++) {
      const again = new Client(cluster.url)
      const { answer } = await oauthSignIn(again, '/auth')
      expect(answer?.location).toBe(`${cluster.url}/`)
      const me = await again.me('/auth')
      expect(me.status).toBe(200)
      expect(JSON.parse(me.body).user.email).toBe('killed-callback@example.com')
    }
    cluster.idp.reset()
  })
}
