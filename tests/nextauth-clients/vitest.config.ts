import { defineConfig } from 'vitest/config'

// next-auth's own React clients (from npm, unchanged) and @latch/next/react in Debian's chromium against a Latch server.
export default defineConfig({
  resolve: { conditions: ['latch-source'] },
  ssr: { resolve: { conditions: ['latch-source'] } },
  test: {
    name: 'nextauth-clients',
    include: ['test/**/*.test.ts'],
    testTimeout: 60_000,
    hookTimeout: 60_000,
  },
})
