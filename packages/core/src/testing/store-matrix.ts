/**
 * An example app on each store and session strategy (e.g. started with AUTH_STORE and AUTH_SESSION_STRATEGY):
 * the account and password suites against every one, its demo account's credentials sign-in, and then a check
 * that each app did use its store (users in every store, session rows or keys only with database sessions).
 *
 *   defineStoreMatrixSuites({ name: 'sveltekit example', protectedApi: '/api/me', oidc: { providerId: 'dev-oidc' },
 *     demo: { username: 'alice', password: '…' }, apps: [{ store: 'postgres', strategy: 'jwt', start, mailbox, stored }] })
 */
import { describe, expect, it } from 'vitest'
import type { Awaitable } from '../types.js'
import { defineAccountSuite } from './account-suite.js'
import { CookieJar } from './cookie-jar.js'
import { liveApp } from './live-app.js'
import { definePasswordSuite, type PasswordSuiteMail, type PasswordSuiteOptions } from './password-suite.js'
import type { IntegrationServer } from './suite-types.js'

export interface StoreMatrixApp {
  store: string
  strategy: 'database' | 'jwt'
  start: () => Promise<IntegrationServer>
  /** The mails the app's password provider sent. */
  mailbox: () => Awaitable<PasswordSuiteMail[]>
  /** How many users and database sessions the app's store holds. */
  stored: () => Promise<{ users: number; sessions: number }>
}

export interface StoreMatrixOptions {
  /** E.g. `next example`: each app's suites are named `<name> (<store>, <strategy> sessions)`. */
  name: string
  basePath?: string
  protectedApi: string
  signInHelper?: PasswordSuiteOptions['signInHelper']
  oidc: { providerId: string }
  /** The example's demo account (credentials provider), a user of the store once it signs in. */
  demo: { username: string; password: string }
  apps: StoreMatrixApp[]
}

export function defineStoreMatrixSuites(options: StoreMatrixOptions): void {
  const { basePath, protectedApi } = options
  for (const { store, strategy, start, mailbox } of options.apps) {
    const name = `${options.name} (${store}, ${strategy} sessions)`
    defineAccountSuite({ name, basePath, oidc: options.oidc, start })
    definePasswordSuite({ name, basePath, protectedApi, signInHelper: options.signInHelper, start, mailbox })
    const demo = liveApp({ start, basePath, credentials: options.demo })
    describe(`${name}: the demo account`, () => {
      demo.hooks()
      it('signs in with credentials (in a store, a user of it)', async () => {
        const jar = new CookieJar()
        await (await demo.signIn(jar)).text()
        expect(jar.has('session-token')).toBe(true)
        expect((await demo.send(protectedApi, { jar })).status).toBe(200)
      })
    })
  }
  // After the suites above: what they did landed in the store each app was given.
  describe(`${options.name}: one store per app`, () => {
    it('kept users in every store, and sessions there with database sessions only', async () => {
      for (const { store, strategy, start, stored } of options.apps) {
        await start()
        const { users, sessions } = await stored()
        expect(users, `${store}, ${strategy}`).toBeGreaterThan(0)
        expect(sessions > 0, `${store}, ${strategy}`).toBe(strategy === 'database')
      }
    })
  })
}
