// The shared two-factor suite over HTTP against the built example, started a second time (`next start`) with
// AUTH_DEMO_TWO_FACTOR=1: an in-memory adapter and config.twoFactor, the example's config otherwise.
import { createRequire } from 'node:module'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { defineTwoFactorSuite } from '@latch/core/testing'
import { freePort, spawnServer } from '@latch/dev-oidc/testing'
import { SECRET } from './global-setup'

const root = join(dirname(fileURLToPath(import.meta.url)), '..')

// With LATCH_E2E_BASE_URL the tests run against a server started elsewhere, and there is no build here to start.
if (!process.env.LATCH_E2E_BASE_URL) {
  defineTwoFactorSuite({
    name: 'next',
    basePath: '/api/auth',
    protectedApi: '/api/me',
    credentials: { username: 'alice', password: 'wonderland' },
    async start() {
      const nextBin = createRequire(join(root, 'package.json')).resolve('next/dist/bin/next')
      const port = await freePort()
      const baseUrl = `http://127.0.0.1:${port}`
      const clean = Object.fromEntries(Object.entries(process.env).filter(([k]) => !k.startsWith('AUTH_') && !k.startsWith('DEV_OIDC_')))
      const server = await spawnServer('next', process.execPath, [nextBin, 'start', '-H', '127.0.0.1', '-p', String(port)], {
        cwd: root,
        env: { ...clean, NODE_ENV: 'production', NEXT_TELEMETRY_DISABLED: '1', AUTH_URL: baseUrl, AUTH_SECRET: SECRET, AUTH_DEMO_TWO_FACTOR: '1' },
        readyUrl: `${baseUrl}/api/auth/providers`,
      })
      return { baseUrl, close: () => server.close() }
    },
  })
}
