// The shared account and password suites against the built example on PostgreSQL and Redis, JWT and database
// sessions (its AUTH_STORE, AUTH_SESSION_STRATEGY): one `next start` of the same build per store and strategy, all
// four started together, each serving both suites, with the local OIDC provider (the account suite signs in there).
import { rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll } from 'vitest'
import { defineStoreMatrixSuites } from '@latch/core/testing'
import { appClient, startDevOidc } from '@latch/dev-oidc'
import { startTogether } from '@latch/dev-oidc/testing'
import { postgresStore } from '../../../packages/adapters/postgres/test/app-store'
import { redisStore } from '../../../packages/adapters/redis/test/app-store'
import { readMailbox, signInHelper, startNext } from './next-server'

const stores = { postgres: postgresStore, redis: redisStore }
const matrix = (['postgres', 'redis'] as const).flatMap((store) =>
  (['database', 'jwt'] as const).map((strategy) => ({ store, strategy, mailbox: join(tmpdir(), `latch-next-${store}-${strategy}-${process.pid}.jsonl`) })),
)
const client = { clientId: 'latch-example-next-stores', clientSecret: 'latch-example-next-stores-secret' }

const dbs: Awaited<ReturnType<(typeof stores)[keyof typeof stores]>>[] = []

const servers = startTogether(
  matrix.map(({ store, strategy, mailbox }, i) => async () => {
    const db = (dbs[i] = await stores[store](`next-example-${strategy}`))
    let oidc: Awaited<ReturnType<typeof startDevOidc>> | undefined
    try {
      const server = await startNext(async (baseUrl) => {
        oidc = await startDevOidc({ clients: [appClient(baseUrl, client, '/api/auth')] })
        const dev = { DEV_OIDC_ISSUER: oidc.issuer, DEV_OIDC_CLIENT_ID: client.clientId, DEV_OIDC_CLIENT_SECRET: client.clientSecret }
        return { ...dev, PASSWORD_MAILBOX: mailbox, AUTH_SESSION_STRATEGY: strategy, ...db.env }
      })
      return { baseUrl: server.baseUrl, close: async () => (await server.close(), await oidc?.close(), await db.close(), await rm(mailbox, { force: true })) }
    } catch (e) {
      await oidc?.close()
      await db.close()
      throw e
    }
  }),
)

if (!process.env.LATCH_E2E_BASE_URL) {
  afterAll(() => servers.close())
  defineStoreMatrixSuites({
    name: 'next example',
    basePath: '/api/auth',
    protectedApi: '/api/me',
    signInHelper,
    oidc: { providerId: 'dev-oidc' },
    demo: { username: 'alice', password: 'wonderland' },
    apps: matrix.map(({ store, strategy, mailbox }, i) => ({ store, strategy, start: () => servers.get(i), mailbox: readMailbox(mailbox), stored: () => dbs[i]!.stored() })),
  })
}
