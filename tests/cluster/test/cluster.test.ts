import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { startCluster, type Cluster } from '../harness/cluster.js'
import { rateLimitCases } from './cases/rate-limit.js'
import { revocationCases } from './cases/revocation.js'
import { refreshRaceCases } from './cases/refresh-race.js'
import { providerFaultCases } from './cases/provider-faults.js'
import { killedSignInCases } from './cases/killed-signin.js'
import { lockHolderCases } from './cases/lock-holder.js'
import { storeOutageCases } from './cases/store-outages.js'

// One cluster for the whole file (starting one takes seconds): 3 Latch processes (Express, Hono, Express) behind a
// round-robin proxy, sharing a PostgreSQL and a Redis of their own. Cases that kill or stop things come last.
let cluster: Cluster
const get = () => cluster
beforeAll(async () => {
  cluster = await startCluster()
})
afterAll(async () => {
  await cluster?.stop()
})

describe('cluster', () => {
  it('serves through every instance of both frameworks', async () => {
    expect(cluster.instances.map((i) => i.framework).sort()).toEqual(['express', 'express', 'hono'])
    const seen = new Set<string>()
    for (let i = 0; i < 3; i++) seen.add((await (await fetch(`${cluster.url}/health`)).json()).name)
    expect(seen.size).toBe(3)
  })
  describe('rate limits across instances', () => rateLimitCases(get))
  describe('revocation across instances', () => revocationCases(get))
  describe('refresh-token rotation across instances', () => refreshRaceCases(get))
  describe('OAuth provider down or slow', () => providerFaultCases(get))
  describe('a process killed mid-sign-in', () => killedSignInCases(get))
  describe('the refresh lock holder killed', () => lockHolderCases(get))
  describe('store outages under load', () => storeOutageCases(get))
  it('no instance crashed on its own', () => {
    expect(cluster.dead().map((i) => `${i.name}: ${JSON.stringify(i.exit)}\n${i.log}`)).toEqual([])
  })
})
