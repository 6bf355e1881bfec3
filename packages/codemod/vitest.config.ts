import { defineConfig } from 'vitest/config'

export default defineConfig({
  resolve: { conditions: ['latch-source'] },
  ssr: { resolve: { conditions: ['latch-source'] } },
  test: {
    name: 'codemod',
    include: ['test/**/*.test.ts'],
    testTimeout: 30_000,
  },
})
