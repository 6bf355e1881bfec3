import { defineConfig } from 'vitest/config'

export default defineConfig({
  resolve: { conditions: ['latch-source'] },
  ssr: { resolve: { conditions: ['latch-source'] } },
  test: {
    name: 'next',
    include: ['test/**/*.test.{ts,tsx}'],
    setupFiles: ['test/setup.ts'],
    testTimeout: 20_000,
  },
})
