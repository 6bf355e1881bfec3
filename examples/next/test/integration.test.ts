// The HTTP integration suite every Latch framework package passes, against `next start`.
import { inject } from 'vitest'
import { defineHeadersSuite, defineIntegrationSuite, definePasskeySuite } from '@latch/core/testing'
import { loopbackFetch } from '@latch/dev-oidc/testing'
import { SECRET } from './global-setup'

const common = {
  start: async () => ({ baseUrl: inject('baseUrl'), close: async () => {} }),
  basePath: '/api/auth',
  protectedPage: '/admin',
  protectedApi: '/api/me',
  credentials: { username: 'alice', password: 'wonderland' },
  oidc: { providerId: 'dev-oidc' },
}

defineIntegrationSuite({
  ...common,
  name: 'next',
  // The signIn()/signOut() server helpers, run by app/api/form/*: every Location they give must stay on the app.
  redirects: {
    clientFetch: loopbackFetch,
    helpers: [
      { name: 'signIn() in a route handler, no provider', path: '/api/form/sign-in', field: 'redirectTo' },
      { name: 'signIn() in a route handler, credentials', path: '/api/form/sign-in', field: 'redirectTo', fields: { providerId: 'credentials' }, credentials: true },
      { name: 'signIn() in a route handler, OpenID provider', path: '/api/form/sign-in', field: 'callbackUrl', fields: { providerId: 'dev-oidc' }, provider: true },
      { name: 'signOut() in a route handler', path: '/api/form/sign-out', field: 'redirectTo' },
    ],
  },
})

// Response headers (caching, nosniff): /admin is gated by proxy.ts, /api/me by auth(handler).
// Next rewrites the Vary of pages (its RSC list); the page is no-store (Next's dynamic rendering and Latch's).
defineHeadersSuite({ ...common, name: 'next', secret: SECRET, frameworkVary: ['/admin'] })

// Passkeys (the example's Passkey provider, in-memory adapter), over HTTP with a software authenticator.
definePasskeySuite({ name: 'next', start: common.start, basePath: '/api/auth', protectedApi: '/api/me' })
