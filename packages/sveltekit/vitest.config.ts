import { defineConfig } from 'vitest/config'

export default defineConfig({
  resolve: { conditions: ['latch-source'] },
  ssr: { resolve: { conditions: ['latch-source'] } },
  test: {
    name: 'sveltekit',
    include: ['test/**/*.test.ts'],
    testTimeout: 20_000,
    hookTimeout: 120_000,
  },
})
