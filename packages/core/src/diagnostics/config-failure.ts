import '../session-path.js' // one edge chunk for the session path (session-path.ts)
import type { AuthConfig } from '../types.js'
import { AuthError } from '../errors.js'
import { returnsUrl } from '../http/return-url.js'
import { layout, html } from '../pages/html.js'
import { once } from './once.js'

const HINT: Record<string, string> = {
  MissingSecret: 'This site has no AUTH_SECRET, so nobody can sign in. Its operator must set it (see the server log).',
}

function defaultLog(e: Error): void {
  console.error(`[latch][error] ${(e as AuthError).code ?? e.name}: ${e.message}`)
}

/**
 * A config that cannot be resolved (no AUTH_SECRET, a bad AUTH_URL, a broken provider list) fails every
 * request the same way: logged once per message and process, then answered with the error page for a browser
 * navigation and `{ error: <code>, message }` JSON for fetch clients. Never a session, never a stack.
 */
export function configFailure(error: unknown, config: AuthConfig, request?: Request, body?: Record<string, unknown>): Response {
  const err = error instanceof Error ? error : new Error(String(error))
  const known = err instanceof AuthError
  const code = known ? err.code : 'Configuration'
  const message = known ? err.message : 'Server error: see the server log'
  once(`config:${code}:${err.message}`, () => (config.logger?.error ?? defaultLog)(err))
  const headers = { 'Cache-Control': 'no-store' }
  const accept = request?.headers.get('accept') ?? ''
  const browser = request && accept.includes('text/html') && !returnsUrl({ request, body })
  if (!browser) {
    return new Response(JSON.stringify({ error: code, message }), { status: 500, headers: { ...headers, 'Content-Type': 'application/json' } })
  }
  const page = layout({
    title: 'Server error',
    theme: config.theme ?? {},
    body: html`<h1>Server error</h1><p role="alert">${HINT[code] ?? 'There is a problem with the server configuration. Check the server logs for more information.'}</p><p><code>${code}</code></p>`,
  })
  return new Response(page.body, { status: 500, headers: { ...page.headers, ...headers } })
}
