// The HTTP integration suite every Latch framework package passes, against `next start`.
import { inject } from 'vitest'
import { defineIntegrationSuite } from '@latch/core/testing'

defineIntegrationSuite({
  name: 'next',
  start: async () => ({ baseUrl: inject('baseUrl'), close: async () => {} }),
  basePath: '/api/auth',
  protectedPage: '/admin',
  protectedApi: '/api/me',
  credentials: { username: 'alice', password: 'wonderland' },
  oidc: { providerId: 'dev-oidc' },
})
