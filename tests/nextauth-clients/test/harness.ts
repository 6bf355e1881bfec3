// The Latch server the clients talk to: the Express example (credentials + the local OIDC provider) with an email
// provider added, serving one page per client, each bundled by esbuild from test/page-entry.js.
import { fileURLToPath } from 'node:url'
import { build } from 'esbuild'
import type { RequestListener } from 'node:http'
import { createApp } from '@latch/example-express/app'
import { serveWithDevOidc, type TestServer } from '@latch/dev-oidc/testing'
import Email from '@latch/core/providers/email'
import { MemoryAdapter } from '@latch/core/adapters/memory'

/** Client name → the module the page imports as `client-under-test`. */
export const CLIENTS = {
  'next-auth@4.24': 'next-auth-v4/react',
  'next-auth@5.0.0-beta.30': 'next-auth-b30/react',
  'next-auth@5.0.0-beta.32': 'next-auth-b32/react',
  '@latch/next/react': '@latch/next/react',
} as const
export type ClientName = keyof typeof CLIENTS

export function slug(name: ClientName): string {
  return name.replace(/[^a-z0-9]+/gi, '-')
}

async function bundle(module: string): Promise<string> {
  const result = await build({
    // Aliases resolve from the working directory: this package's, where the clients are installed.
    absWorkingDir: fileURLToPath(new URL('..', import.meta.url)),
    entryPoints: [fileURLToPath(new URL('./page-entry.js', import.meta.url))],
    bundle: true,
    write: false,
    format: 'iife',
    platform: 'browser',
    target: 'es2022',
    jsx: 'automatic',
    conditions: ['latch-source'],
    alias: { 'client-under-test': module },
    // What Next inlines for client code. next-auth reads NEXTAUTH_URL for its base path (the logger's too).
    define: {
      'process.env.NODE_ENV': '"production"',
      'process.env.NEXTAUTH_URL': '"http://localhost/auth"',
      'process.env': '{}',
    },
    logLevel: 'silent',
  })
  return result.outputFiles[0]!.text
}

export interface Harness extends TestServer {
  /** The magic link last mailed to `email`. */
  mailbox: Map<string, string>
  /** Every [level, code] the server logged. */
  logs: string[]
}

export async function startHarness(): Promise<Harness> {
  const scripts = new Map<string, string>()
  await Promise.all(
    Object.entries(CLIENTS).map(async ([name, module]) => scripts.set(slug(name as ClientName), await bundle(module))),
  )
  const mailbox = new Map<string, string>()
  const logs: string[] = []
  const server = await serveWithDevOidc({ clientId: 'nextauth-clients', clientSecret: 'nextauth-clients-secret' }, (baseUrl, oidc) => {
    const app = createApp({
      oidc,
      providers: [
        Email({
          async sendVerificationRequest({ identifier, url }) {
            mailbox.set(identifier, url)
          },
        }),
      ],
      config: {
        secret: 'nextauth-clients-test-secret-0123456789abcdef',
        url: `${baseUrl}/auth`,
        adapter: MemoryAdapter(),
        session: { strategy: 'jwt' },
        rateLimit: false,
        logger: {
          error: (e) => logs.push(`error ${(e as { code?: string }).code ?? e.name}: ${e.message}`),
          warn: (code, message) => logs.push(`warn ${code}: ${message ?? ''}`),
        },
        callbacks: {
          // What the Auth.js docs show for `update()`: the client's data reaches the token with trigger "update".
          jwt({ token, trigger, session }) {
            if (trigger === 'update' && typeof session?.name === 'string') return { ...token, name: session.name }
            return token
          },
        },
      },
    })
    app.get('/client/:name', (req, res) => {
      res.type('html').send(`<!doctype html><html><head><meta charset="utf-8"><title>${req.params.name}</title></head>
<body><div id="root"></div><script src="/client-js/${req.params.name}.js"></script></body></html>`)
    })
    app.get('/client-js/:file', (req, res) => {
      const js = scripts.get(req.params.file.replace(/\.js$/, ''))
      if (!js) return void res.status(404).end()
      res.type('js').send(js)
    })
    return app as unknown as RequestListener
  })
  return { ...server, mailbox, logs }
}
