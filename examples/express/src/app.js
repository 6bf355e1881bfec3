// @ts-check
// The Express example app: credentials and (when started by src/server.js) the local OIDC provider.
import express from 'express'
import { ExpressAuth, getSession, requireAuth } from '@latch/express'
import Credentials from '@latch/core/providers/credentials'
import { escapeHtml, page } from './html.js'

/** Demo accounts for the credentials provider. Local use only. */
export const DEMO_USERS = [{ id: 'alice', username: 'alice', password: 'wonderland', name: 'Alice Liddell', email: 'alice@example.com' }]

/**
 * @param {{
 *   oidc?: { issuer: string, clientId: string, clientSecret: string },
 *   config?: Partial<import('@latch/core').AuthConfig>,
 *   trustProxy?: boolean | string,
 *   bodyParsers?: boolean,
 *   providers?: import('@latch/core').ProviderInput[],
 * }} [options]
 *   AUTH_SECRET / AUTH_URL / AUTH_TRUST_HOST come from process.env; `config` overrides (tests).
 *   `bodyParsers` (default true) mounts express.json() and express.urlencoded() before the auth routes,
 *   as most apps do: Latch works with or without them. `providers` are added after the built-in ones (tests).
 */
export function createApp(options = {}) {
  /** @type {import('@latch/core').ProviderInput[]} */
  const providers = [
    Credentials({
      name: 'Password',
      credentials: { username: { label: 'Username', placeholder: 'alice' }, password: { label: 'Password', type: 'password' } },
      async authorize(credentials) {
        const user = DEMO_USERS.find((u) => u.username === credentials.username && u.password === credentials.password)
        return user ? { id: user.id, name: user.name, email: user.email } : null
      },
    }),
  ]
  if (options.oidc) {
    const { issuer, clientId, clientSecret } = options.oidc
    providers.push({ id: 'dev-oidc', name: 'Local OIDC', type: 'oidc', issuer, clientId, clientSecret, allowInsecureRequests: true })
  }
  providers.push(...(options.providers ?? []))
  /** @type {import('@latch/core').AuthConfig} */
  const authConfig = { providers, ...options.config }

  const app = express()
  app.disable('x-powered-by')
  if (options.trustProxy) app.set('trust proxy', options.trustProxy)
  if (options.bodyParsers !== false) app.use(express.json(), express.urlencoded({ extended: false }))

  app.use('/auth', ExpressAuth(authConfig))

  app.get('/', async (req, res) => {
    const session = await getSession(req, authConfig)
    const user = session?.user
    const body = user
      ? `<p>Signed in as <strong>${escapeHtml(user.name ?? user.email ?? 'someone')}</strong>.</p>
         <p><a class="button" href="/protected">Protected page</a> <a class="button" href="/api/me">Protected JSON API</a></p>
         <p><a href="/auth/signout">Sign out</a></p>`
      : `<p>You are signed out. Sign in with the local OIDC provider (any password) or as
         <code>alice</code> / <code>wonderland</code>: no external account needed.</p>
         <p><a class="button" href="/auth/signin?callbackUrl=/protected">Sign in</a></p>`
    res.type('html').send(page('Latch + Express', body))
  })

  app.get('/protected', requireAuth(authConfig), (req, res) => {
    res.type('html').send(
      page(
        'Protected page',
        `<p>Only signed-in users see this page. Your session:</p>
         <pre>${escapeHtml(JSON.stringify(res.locals.session, null, 2))}</pre>
         <p><a href="/">Home</a> · <a href="/api/me">JSON API</a> · <a href="/auth/signout">Sign out</a></p>`,
      ),
    )
  })

  app.get('/api/me', requireAuth(authConfig), (req, res) => {
    res.json({ user: res.locals.session?.user ?? null })
  })

  return app
}
