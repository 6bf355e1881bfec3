import { createServer } from 'node:http'
import type { AddressInfo } from 'node:net'
import { afterAll, beforeAll } from 'vitest'
import { DrizzleAdapter } from '@auth/drizzle-adapter'
import { drizzle } from 'drizzle-orm/node-postgres'
import Passkey from '@latch/core/providers/passkey'
import { definePasskeySuite, type IntegrationServer } from '@latch/core/testing'
// The Express example app is the app under test, with Auth.js's Drizzle adapter and the passkey provider added.
import { createApp } from '@latch/example-express/app'
import { ownSchema } from './drizzle-schema.js'

// @auth/drizzle-adapter (unchanged from npm) on node-postgres, its documented tables in a schema of this file's own.
const schema = ownSchema('authjs_drizzle_pk')
const adapter = DrizzleAdapter(drizzle(schema.pool))
beforeAll(() => schema.create())
afterAll(() => schema.drop())

async function serve(strategy: 'jwt' | 'database'): Promise<IntegrationServer> {
  const server = createServer()
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`
  const app = createApp({ providers: [Passkey], config: { url, secret: `drizzle-passkeys-${strategy}-secret-0123456789abcdef`, adapter, session: { strategy } } })
  server.on('request', app)
  return { baseUrl: url, close: () => new Promise<void>((resolve) => (server.close(() => resolve()), server.closeAllConnections())) }
}

definePasskeySuite({ name: '@auth/drizzle-adapter, database sessions', protectedApi: '/api/me', canRemovePasskeys: false, start: () => serve('database') })
definePasskeySuite({ name: '@auth/drizzle-adapter, JWT sessions', protectedApi: '/api/me', canRemovePasskeys: false, start: () => serve('jwt') })
