// The Latch servers the clients talk to, each serving one page per client (bundled by esbuild from
// test/page-entry.js with the server's auth base path):
// - examples/express (credentials + the local OIDC provider) with an e-mail provider added, routes at /auth;
// - @latch/next's NextAuth() route handlers (handlers.GET/POST, as app/api/auth/[...nextauth]/route.ts exports them)
//   on a plain Node server, routes at Next's default /api/auth, with the same providers.
import { fileURLToPath } from 'node:url'
import type { IncomingMessage, RequestListener, ServerResponse } from 'node:http'
import { build } from 'esbuild'
import { NextRequest } from 'next/server'
import NextAuth from '@latch/next'
import type { AuthConfig, ProviderInput } from '@latch/core'
import { createApp, DEMO_USERS } from '@latch/example-express/app'
import { serveWithDevOidc, type TestServer } from '@latch/dev-oidc/testing'
import Credentials from '@latch/core/providers/credentials'
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
export type ServerName = 'express' | 'next'

export function slug(name: string): string {
  return name.replace(/[^a-z0-9]+/gi, '-')
}

async function bundle(module: string, basePath: string): Promise<string> {
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
      'process.env.NEXTAUTH_URL': JSON.stringify(`http://localhost${basePath}`),
      'process.env': '{}',
      AUTH_BASE_PATH: JSON.stringify(basePath),
    },
    logLevel: 'silent',
  })
  return result.outputFiles[0]!.text
}

export interface Harness extends TestServer {
  basePath: string
  /** The magic link last mailed to each address. */
  mailbox: Map<string, string>
}

const SECRET = 'nextauth-clients-test-secret-0123456789abcdef'

/** What both servers share: an in-memory adapter for e-mail tokens, JWT sessions, the update() the Auth.js docs show. */
function sharedConfig(mailbox: Map<string, string>) {
  const email = Email({
    async sendVerificationRequest({ identifier, url }) {
      mailbox.set(identifier, url)
    },
  })
  const config = {
    secret: SECRET,
    adapter: MemoryAdapter(),
    session: { strategy: 'jwt' as const },
    rateLimit: false as const,
    logger: { error() {}, warn() {} },
    callbacks: {
      // The client's data reaches the jwt callback with trigger "update"; the new cookie holds the change.
      jwt({ token, trigger, session }: { token: Record<string, unknown>; trigger?: string; session?: { name?: unknown } }) {
        if (trigger === 'update' && typeof session?.name === 'string') return { ...token, name: session.name }
        return token
      },
    },
  } satisfies Partial<AuthConfig>
  return { email, config }
}

function pages(scripts: Map<string, string>, req: IncomingMessage, res: ServerResponse): boolean {
  const url = new URL(req.url ?? '/', 'http://x')
  const page = /^\/client\/([\w-]+)$/.exec(url.pathname)
  if (page) {
    res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' })
    res.end(`<!doctype html><html><head><meta charset="utf-8"><title>${page[1]}</title></head>
<body><div id="root"></div><script src="/client-js/${page[1]}.js"></script></body></html>`)
    return true
  }
  const js = /^\/client-js\/([\w-]+)\.js$/.exec(url.pathname)
  if (js && scripts.has(js[1]!)) {
    res.writeHead(200, { 'content-type': 'text/javascript; charset=utf-8' })
    res.end(scripts.get(js[1]!))
    return true
  }
  return false
}

async function bundles(basePath: string): Promise<Map<string, string>> {
  const scripts = new Map<string, string>()
  await Promise.all(Object.entries(CLIENTS).map(async ([name, module]) => scripts.set(slug(name), await bundle(module, basePath))))
  return scripts
}

const oidcClient = { clientId: 'nextauth-clients', clientSecret: 'nextauth-clients-secret' }

/** examples/express, auth routes at /auth. */
export async function startExpress(): Promise<Harness> {
  const scripts = await bundles('/auth')
  const mailbox = new Map<string, string>()
  const { email, config } = sharedConfig(mailbox)
  const server = await serveWithDevOidc(oidcClient, (baseUrl, oidc) => {
    const app = createApp({ oidc, providers: [email], config: { ...config, url: `${baseUrl}/auth` } })
    return ((req, res) => {
      if (!pages(scripts, req, res)) app(req, res)
    }) as RequestListener
  })
  return { ...server, basePath: '/auth', mailbox }
}

async function toRequest(req: IncomingMessage, baseUrl: string): Promise<NextRequest> {
  const chunks: Buffer[] = []
  for await (const chunk of req) chunks.push(chunk as Buffer)
  const headers = new Headers()
  for (const [k, v] of Object.entries(req.headers)) if (typeof v === 'string') headers.set(k, v)
  const body = chunks.length ? Buffer.concat(chunks) : undefined
  return new NextRequest(new URL(req.url ?? '/', baseUrl), { method: req.method, headers, body })
}

async function send(res: ServerResponse, response: Response): Promise<void> {
  const headers: Record<string, string | string[]> = {}
  response.headers.forEach((v, k) => {
    if (k !== 'set-cookie') headers[k] = v
  })
  const cookies = response.headers.getSetCookie()
  if (cookies.length) headers['set-cookie'] = cookies
  res.writeHead(response.status, headers)
  res.end(Buffer.from(await response.arrayBuffer()))
}

/** NextAuth()'s route handlers, auth routes at /api/auth (Next's default). */
export async function startNext(): Promise<Harness> {
  const scripts = await bundles('/api/auth')
  const mailbox = new Map<string, string>()
  const { email, config } = sharedConfig(mailbox)
  const server = await serveWithDevOidc(oidcClient, (baseUrl, oidc) => {
    const user = DEMO_USERS[0]!
    const providers: ProviderInput[] = [
      Credentials({
        name: 'Password',
        credentials: { username: {}, password: {} },
        authorize: (c) => (c.username === user.username && c.password === user.password ? { id: user.id, name: user.name, email: user.email } : null),
      }),
      { id: 'dev-oidc', name: 'Local OIDC', type: 'oidc', ...oidc, allowInsecureRequests: true },
      email,
    ]
    // AUTH_URL as in production. (Without it the host is trusted in dev, but NextRequest reports 127.0.0.1 as localhost.)
    const { handlers } = NextAuth({ ...config, providers, url: `${baseUrl}/api/auth` })
    return ((req, res) => {
      if (pages(scripts, req, res)) return
      void toRequest(req, baseUrl)
        .then((request) => (request.method === 'POST' ? handlers.POST(request) : handlers.GET(request)))
        .then((response) => send(res, response))
        .catch((e) => {
          res.statusCode = 500
          res.end(String(e))
        })
    }) as RequestListener
  }, '/api/auth')
  return { ...server, basePath: '/api/auth', mailbox }
}
