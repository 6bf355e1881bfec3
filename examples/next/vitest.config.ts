import { defineConfig } from 'vitest/config'

// End-to-end: one `next build`, then `next start` on 127.0.0.1 with the local OIDC provider (test/global-setup.ts),
// an HTTP integration suite and a real browser (Debian's chromium through playwright-core).
export default defineConfig({
  test: {
    name: 'example-next',
    include: ['test/**/*.test.ts'],
    globalSetup: ['test/global-setup.ts'],
    testTimeout: 60_000,
    hookTimeout: 600_000,
    // One server, shared: run the files one after the other.
    fileParallelism: false,
  },
})
