import { afterAll, beforeAll, expect, it } from 'vitest'
import { startCluster, type Cluster } from '../harness/cluster.js'
import { Client, seedUser } from '../harness/client.js'

let cluster: Cluster
beforeAll(async () => {
  cluster = await startCluster()
})
afterAll(() => cluster?.stop())

it('smoke', async () => {
  await seedUser(cluster.adapter, 'ada@example.com')
  for (const mount of ['/auth', '/jwt/auth'] as const) {
    const c = new Client(cluster.url)
    const s = await c.signIn(mount, 'ada@example.com')
    console.log(mount, s.status, s.location, s.body.slice(0, 200))
    for (let i = 0; i < 3; i++) {
      const r = await c.session(mount)
      console.log(r.status, r.instance, JSON.stringify(r.json))
      const m = await c.me(mount)
      console.log(m.status, m.instance, m.body)
    }
  }
  console.log(cluster.instances.map((i) => i.log).join('\n'))
})
