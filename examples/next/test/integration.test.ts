// The HTTP integration suite every Latch framework package passes, against `next start`.
import { inject } from 'vitest'
import { defineHeadersSuite, defineIntegrationSuite } from '@latch/core/testing'
import { SECRET } from './global-setup'

const common = {
  start: async () => ({ baseUrl: inject('baseUrl'), close: async () => {} }),
  basePath: '/api/auth',
  protectedPage: '/admin',
  protectedApi: '/api/me',
  credentials: { username: 'alice', password: 'wonderland' },
  oidc: { providerId: 'dev-oidc' },
}

defineIntegrationSuite({ ...common, name: 'next' })

// Response headers (caching, nosniff): /admin is gated by proxy.ts, /api/me by auth(handler).
// Next rewrites the Vary of pages (its RSC list); the page is no-store (Next's dynamic rendering and Latch's).
defineHeadersSuite({ ...common, name: 'next', secret: SECRET, frameworkVary: ['/admin'] })
