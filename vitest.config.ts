import { defineConfig } from 'vitest/config'
import { existsSync } from 'node:fs'

// Every package with its own vitest.config.ts is a project; the core's config lives here.
const packageProjects = [
  'packages/next',
  'packages/express',
  'packages/sveltekit',
  'packages/hono',
  'packages/codemod',
  'packages/adapters/postgres',
  'packages/adapters/redis',
  'packages/dev-oidc',
  'packages/email-nodemailer',
  'examples/next',
  'tests/nextauth-clients',
  'tests/authjs-adapters',
  'tests/cluster',
  'docs',
].filter((dir) => existsSync(`${dir}/vitest.config.ts`))

export default defineConfig({
  test: {
    projects: [
      {
        resolve: { conditions: ['latch-source'] },
        ssr: { resolve: { conditions: ['latch-source'] } },
        test: {
          name: 'core',
          root: './packages/core',
          include: ['test/**/*.test.ts'],
          testTimeout: 30_000,
          hookTimeout: 60_000,
        },
      },
      {
        // Auth.js drop-in checks on packed tarballs installed into a temp app (needs `pnpm run build`).
        test: {
          name: 'dropin',
          root: './tests/dropin',
          include: ['**/*.test.ts'],
          exclude: ['fixtures/**', '**/node_modules/**'],
          globalSetup: ['./global-setup.ts'],
          testTimeout: 120_000,
          hookTimeout: 180_000,
        },
      },
      {
        // pnpm pack tarballs of every publishable package: publint --strict, Are The Types Wrong, metadata.
        test: { name: 'packaging', root: './tests/packaging', include: ['*.test.ts'], testTimeout: 60_000, hookTimeout: 180_000 },
      },
      ...packageProjects,
    ],
  },
})
