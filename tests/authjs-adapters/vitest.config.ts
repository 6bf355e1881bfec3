import { defineConfig } from 'vitest/config'

// Published Auth.js adapters (from npm, unchanged) under Latch over HTTP, on the shared PostgreSQL (own schemas).
export default defineConfig({
  resolve: { conditions: ['latch-source'] },
  ssr: { resolve: { conditions: ['latch-source'] } },
  test: {
    name: 'authjs-adapters',
    include: ['test/**/*.test.ts'],
    testTimeout: 30_000,
    hookTimeout: 60_000,
  },
})
