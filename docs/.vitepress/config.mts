import { defineConfig } from 'vitepress'

// Built offline by `pnpm --filter @latch/docs build` (TypeDoc writes api/ first). Dead internal links fail the
// build; code blocks are type-checked by test/docs.test.ts.
export default defineConfig({
  title: 'Latch',
  description: 'Authentication for TypeScript web apps on Web Request/Response: the Auth.js API, maintained.',
  cleanUrls: true,
  lastUpdated: false,
  srcExclude: ['test/**', 'README.md'],
  themeConfig: {
    search: { provider: 'local' },
    nav: [
      { text: 'Guide', link: '/getting-started/' },
      { text: 'Migrate from Auth.js', link: '/migrating-from-authjs' },
      { text: 'Providers', link: '/providers/' },
      { text: 'Errors', link: '/reference/errors' },
      { text: 'API', link: '/api/' },
    ],
    sidebar: [
      {
        text: 'Getting started',
        items: [
          { text: 'Overview', link: '/getting-started/' },
          { text: 'Next.js', link: '/getting-started/next' },
          { text: 'Express', link: '/getting-started/express' },
          { text: 'SvelteKit', link: '/getting-started/sveltekit' },
          { text: 'Hono', link: '/getting-started/hono' },
          { text: 'Any runtime: Auth()', link: '/getting-started/core' },
        ],
      },
      {
        text: 'Concepts',
        items: [
          { text: 'Sessions', link: '/concepts/sessions' },
          { text: 'Adapters', link: '/concepts/adapters' },
          { text: 'Callbacks', link: '/concepts/callbacks' },
          { text: 'Events', link: '/concepts/events' },
          { text: 'Pages', link: '/concepts/pages' },
        ],
      },
      {
        text: 'Guides',
        items: [
          { text: 'Credentials', link: '/guides/credentials' },
          { text: 'Passkeys', link: '/guides/passkeys' },
          { text: 'Passwords', link: '/guides/passwords' },
          { text: 'Rate limiting', link: '/guides/rate-limit' },
          { text: 'Two-factor (TOTP)', link: '/guides/two-factor' },
          { text: 'E-mail (magic links)', link: '/guides/email' },
          { text: 'Account management', link: '/guides/account-management' },
          { text: 'Refresh tokens', link: '/guides/refresh-tokens' },
          { text: 'Role-based access', link: '/guides/role-based-access' },
          { text: 'Edge and Workers', link: '/guides/edge-and-workers' },
          { text: 'Several instances', link: '/guides/several-instances' },
          { text: 'Preview deployments', link: '/guides/preview-deployments' },
        ],
      },
      {
        text: 'Reference',
        items: [
          { text: 'Migrating from Auth.js', link: '/migrating-from-authjs' },
          { text: 'Providers', link: '/providers/' },
          { text: 'Errors', link: '/reference/errors' },
          { text: 'Security model', link: '/security' },
          { text: 'API', link: '/api/' },
          { text: 'Releasing', link: '/releasing' },
        ],
      },
    ],
  },
})
