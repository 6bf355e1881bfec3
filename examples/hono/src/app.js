// @ts-check
// The Hono example app. Edge-safe: the same module runs on Node (src/server.js) and in workerd (src/worker.js).
import { Hono } from 'hono'
import { authHandler, getAuthUser, initAuthConfig, verifyAuth } from '@latch/hono'
import Credentials from '@latch/core/providers/credentials'
import { page, escapeHtml } from './html.js'

/** Demo accounts for the credentials provider. Local use only. */
export const DEMO_USERS = [{ id: 'alice', username: 'alice', password: 'wonderland', name: 'Alice Liddell', email: 'alice@example.com' }]

/**
 * @param {{
 *   oidc?: { issuer: string, clientId: string, clientSecret: string },
 *   config?: Partial<import('@latch/core').AuthConfig>,
 * }} [options]
 *   `oidc`: the local OIDC provider to offer next to credentials; `config`: overrides (tests).
 *   Everything else (AUTH_SECRET, AUTH_URL, AUTH_TRUST_HOST) comes from the environment via `env(c)`.
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
    providers.push({
      id: 'dev-oidc',
      name: 'Local OIDC',
      type: 'oidc',
      issuer: options.oidc.issuer,
      clientId: options.oidc.clientId,
      clientSecret: options.oidc.clientSecret,
      allowInsecureRequests: true,
    })
  }
  /** One config object for the app's life: the core caches derived keys per config object. */
  const config = { providers, basePath: '/auth', ...options.config }

  const app = new Hono()
  app.use('*', initAuthConfig(() => config))
  app.use('/auth/*', authHandler())

  app.get('/', async (c) => {
    const auth = await getAuthUser(c)
    const user = auth?.user
    const body = user
      ? `<p>Signed in as <strong>${escapeHtml(user.name ?? user.email ?? 'someone')}</strong>.</p>
         <p><a class="button" href="/protected">Protected page</a> <a class="button" href="/api/me">Protected JSON API</a></p>
         <p><a href="/auth/signout">Sign out</a></p>`
      : `<p>You are signed out. Sign in with the local OIDC provider (any password) or as
         <code>alice</code> / <code>wonderland</code>: no external account needed.</p>
         <p><a class="button" href="/auth/signin?callbackUrl=/protected">Sign in</a></p>
         <p>Try the <a href="/protected">protected page</a> or the <a href="/api/me">protected JSON API</a> signed out, too.</p>`
    return c.html(page('Latch + Hono', body))
  })

  app.get('/protected', verifyAuth({ redirectToSignIn: true }), (c) => {
    const { session } = c.get('authUser')
    return c.html(
      page(
        'Protected page',
        `<p>Only signed-in users see this page. Your session:</p>
         <pre>${escapeHtml(JSON.stringify(session, null, 2))}</pre>
         <p><a href="/">Home</a> · <a href="/api/me">JSON API</a> · <a href="/auth/signout">Sign out</a></p>`,
      ),
    )
  })

  app.get('/api/me', verifyAuth(), (c) => c.json({ user: c.get('authUser').user ?? null }))

  return app
}
