/**
 * The client every shared framework suite uses for the app under test: it starts the app's server before the
 * suite's tests (`hooks()`, called inside the suite's `describe`) and closes it after, and sends browser-like
 * requests (Origin, Sec-Fetch-*, a cookie jar) to it. New suites take one of these rather than another copy.
 */
import { afterAll, beforeAll, expect } from 'vitest'
import type { CookieJar } from './cookie-jar.js'
import { browserInit, type BrowserInit } from './browser-request.js'
import type { IntegrationServer, IntegrationSuiteOptions } from './suite-types.js'

export type LiveAppOptions = Pick<IntegrationSuiteOptions, 'start' | 'basePath' | 'credentials' | 'credentialsProviderId'>

export interface LiveApp {
  /** Where the auth routes are mounted, e.g. `/auth`. */
  basePath: string
  /** The app's credentials provider id. */
  providerId: string
  /** Registers the start/close hooks; call it inside the suite's `describe`. */
  hooks(): void
  url(path: string): string
  send(path: string, init?: BrowserInit): Promise<Response>
  /** A CSRF token (its cookie lands in `jar`). */
  csrfToken(jar: CookieJar): Promise<string>
  /** Sign in with the app's credentials (plus `extra` form fields). */
  signIn(jar: CookieJar, extra?: Record<string, string>, headers?: HeadersInit): Promise<Response>
}

export function liveApp(options: LiveAppOptions): LiveApp {
  const basePath = `/${(options.basePath ?? '/auth').replace(/^\/+|\/+$/g, '')}`
  const providerId = options.credentialsProviderId ?? 'credentials'
  let server: IntegrationServer | undefined

  function url(path: string): string {
    if (!server) throw new Error('server not started')
    return new URL(path, server.baseUrl).href
  }

  async function send(path: string, init: BrowserInit = {}): Promise<Response> {
    const response = await fetch(url(path), browserInit(new URL(url('/')).origin, init))
    init.jar?.apply(response)
    return response
  }

  async function csrfToken(jar: CookieJar): Promise<string> {
    const res = await send(`${basePath}/csrf`, { jar })
    expect(res.status).toBe(200)
    const json = (await res.json()) as { csrfToken?: unknown }
    expect(typeof json.csrfToken).toBe('string')
    return json.csrfToken as string
  }

  async function signIn(jar: CookieJar, extra: Record<string, string> = {}, headers: HeadersInit = {}): Promise<Response> {
    const token = await csrfToken(jar)
    return send(`${basePath}/callback/${providerId}`, { method: 'POST', jar, headers, form: { csrfToken: token, ...options.credentials, ...extra } })
  }

  function hooks(): void {
    beforeAll(async () => {
      server = await options.start()
    }, 180_000)
    afterAll(async () => {
      await server?.close()
    })
  }

  return { basePath, providerId, hooks, url, send, csrfToken, signIn }
}
