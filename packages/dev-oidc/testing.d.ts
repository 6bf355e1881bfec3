import type { IncomingMessage, RequestListener } from 'node:http'

/** A port that was free on 127.0.0.1 a moment ago. */
export function freePort(): Promise<number>

export interface TestServer {
  baseUrl: string
  close(): Promise<void>
}

/**
 * Serve an app in-process on a free 127.0.0.1 port, with a dev provider that has `client` for it (appClient).
 * `app(baseUrl, oidc)` returns the request listener once the app's URL and the provider's issuer are known.
 * `basePath` is where the app serves its auth routes (default `/auth`).
 */
export function serveWithDevOidc(
  client: { clientId: string; clientSecret: string },
  app: (baseUrl: string, oidc: { issuer: string; clientId: string; clientSecret: string }) => RequestListener | Promise<RequestListener>,
  basePath?: string,
): Promise<TestServer>

/**
 * A Node request listener for a fetch-style handler: the request with its body and headers, the response with every
 * Set-Cookie header plus `cookies` (e.g. what a SvelteKit event's `cookies.set` collected). `req` is the Node request.
 */
export function fetchListener(
  baseUrl: string,
  handler: (request: Request, req: IncomingMessage) => Promise<{ response: Response; cookies?: string[] }>,
): RequestListener

/**
 * Several test servers for suites that share them, all started together (in parallel) the first time any is asked
 * for. `get(i)` gives server `i` with a `close()` that leaves it running; `close()` ends every server that started.
 */
export function startTogether(starters: Array<() => Promise<TestServer>>): {
  get(i: number): Promise<TestServer>
  close(): Promise<void>
}

/**
 * Spawn a server process (output collected) and poll `readyUrl` every 100 ms until it answers. Throws with the
 * output when the process exits first or does not answer within 30 s. `close()` sends SIGTERM and waits for the exit.
 */
export function spawnServer(
  name: string,
  command: string,
  args: string[],
  options: { cwd: string; env?: NodeJS.ProcessEnv; readyUrl: string },
): Promise<{ close(): Promise<void> }>

/**
 * A `fetch` for HTTP tests against 127.0.0.1 that connects from another loopback address per `client`
 * (127.77.x.y: distinct clients for per-address limits) and sends the request target exactly as written.
 */
export function loopbackFetch(client?: number): typeof fetch
