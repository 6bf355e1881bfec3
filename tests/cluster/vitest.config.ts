import { defineConfig } from 'vitest/config'

// Three Latch processes behind a round-robin proxy over a PostgreSQL and a Redis of the tests' own (harness/).
// The instances run the built packages (`pnpm run build` first); files run one at a time: each starts its own cluster.
export default defineConfig({
  resolve: { conditions: ['latch-source'] },
  ssr: { resolve: { conditions: ['latch-source'] } },
  test: {
    name: 'cluster',
    include: ['test/**/*.test.ts'],
    fileParallelism: false,
    testTimeout: 60_000,
    hookTimeout: 90_000,
  },
})
