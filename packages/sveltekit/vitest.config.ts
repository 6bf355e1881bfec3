import { fileURLToPath } from 'node:url'
import { defineConfig } from 'vitest/config'

export default defineConfig({
  resolve: {
    conditions: ['latch-source'],
    // In-process tests (handle.test.ts) run the hook without Kit; the adapter-node test uses the real build.
    alias: { '$env/dynamic/private': fileURLToPath(new URL('./test/support-env.ts', import.meta.url)) },
  },
  ssr: { resolve: { conditions: ['latch-source'] } },
  test: {
    name: 'sveltekit',
    include: ['test/**/*.test.ts'],
    testTimeout: 20_000,
    hookTimeout: 120_000,
  },
})
