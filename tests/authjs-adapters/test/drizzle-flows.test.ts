import { DrizzleAdapter } from '@auth/drizzle-adapter'
import { drizzle } from 'drizzle-orm/node-postgres'
import { defineAdapterSuite } from '@latch/core/testing/adapter'
import { ownSchema } from './drizzle-schema.js'

// Latch's adapter contract and its sign-in flows through Auth() (magic links, database sessions, credentials, account
// linking, passkey methods) on @auth/drizzle-adapter, unchanged from npm, over node-postgres.
const schema = ownSchema('authjs_drizzle_flows')

defineAdapterSuite({
  name: '@auth/drizzle-adapter (node-postgres)',
  connect: () => schema.create(),
  adapter: () => DrizzleAdapter(drizzle(schema.pool)),
  teardown: () => schema.drop(),
  // Auth.js's contract only: no session listing, session versions or other Latch extensions.
  skipExtensions: true,
  // Its documented schema stores the WebAuthn counter in a signed 32-bit integer.
  maxSignatureCounter: 2_147_483_647,
})
