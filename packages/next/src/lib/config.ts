import { applyEnv, authBasePath, raw, skipCSRFCheck, type AuthConfig, type Awaitable, type CallbacksOptions, type Session } from '@latch/core'
import type { NextRequest } from 'next/server'

/** What `authorized` may answer: allow (`true`), refuse (`false`: redirect to sign-in), or a Response of its own. */
export type AuthorizedResult = boolean | Response | undefined | null | void

export interface NextAuthCallbacks extends CallbacksOptions {
  /**
   * Runs in `proxy.ts` / `middleware.ts` for each matched request. Return false to send the visitor to the
   * sign-in page (with `callbackUrl`), a Response (redirect, rewrite, 401) to answer with it, true to go on.
   */
  authorized?: (params: { request: NextRequest; auth: Session | null }) => Awaitable<AuthorizedResult>
}

export interface NextAuthConfig extends Omit<AuthConfig, 'callbacks' | 'raw'> {
  callbacks?: NextAuthCallbacks
  /** Default `/api/auth`, or the path of AUTH_URL when it has one. */
  basePath?: string
  /**
   * Requests whose responses are the same for every signed-in user and may be stored by a shared cache: the
   * proxy and `auth(handler)` then add no `Cache-Control: private, no-store` / `Vary: Cookie` for the session
   * alone. A response carrying a re-issued or cleared session cookie is still `no-store`. Default: none.
   */
  allowSharedCache?: (request: NextRequest) => boolean
}

/** A config object, or a function of the request (undefined in server components and server actions). */
export type NextAuthConfigInput = NextAuthConfig | ((request: NextRequest | undefined) => Awaitable<NextAuthConfig>)

export type Env = Record<string, string | undefined>

/** `process.env` with the v4 names (`NEXTAUTH_SECRET`, `NEXTAUTH_URL`) as fallbacks. Read per call, never cached. */
export function nextEnv(): Env {
  const env: Env = { ...(globalThis.process?.env ?? {}) }
  env.AUTH_SECRET ||= env.NEXTAUTH_SECRET
  env.AUTH_URL ||= env.NEXTAUTH_URL
  return env
}

/**
 * AUTH_SECRET and the rotated-out AUTH_SECRET_1..3 (tokens encrypted with any of them still read), or undefined.
 * The core's `readEnv(env).secret` gives the same; importing it from '@latch/core' adds about 1 KB gzip to edge bundles.
 */
export function envSecret(env: Env): string[] | undefined {
  const secrets = ['AUTH_SECRET', 'AUTH_SECRET_1', 'AUTH_SECRET_2', 'AUTH_SECRET_3'].map((k) => env[k]).filter((v): v is string => !!v)
  return secrets.length ? secrets : undefined
}

/** The config used for a request: environment applied, basePath defaulted to `/api/auth`. */
export interface Prepared {
  config: AuthConfig
  /** Same config with `raw` and `skipCSRFCheck`, for server actions (Next checks their origin itself). */
  action: AuthConfig & { raw: typeof raw }
  basePath: string
  /** AUTH_URL's origin, when set. */
  origin?: string
  signInPage: string
  authorized?: NextAuthCallbacks['authorized']
  allowSharedCache?: NextAuthConfig['allowSharedCache']
}

/** AUTH_URL (or `config.url`) parsed; undefined when unset or unparsable (the core reports a bad one as a Configuration error). */
export function parseAuthUrl(value: unknown): URL | undefined {
  try {
    return value ? new URL(String(value)) : undefined
  } catch {
    return undefined
  }
}

/** Where the auth routes live unless `basePath` says otherwise: AUTH_URL's path when it has one, else `/api/auth` (not normalised). */
export function defaultBasePath(url: URL | undefined): string {
  return url && url.pathname !== '/' ? url.pathname : '/api/auth'
}

const prepared = new WeakMap<NextAuthConfig, Prepared>()

/** Apply env and defaults once per user config object (so the core's per-config cache stays warm). */
export function prepare(user: NextAuthConfig): Prepared {
  const hit = prepared.get(user)
  if (hit) return hit
  const withEnv = applyEnv(user as AuthConfig, nextEnv())
  const url = parseAuthUrl(withEnv.url)
  const config: AuthConfig = { ...withEnv, basePath: user.basePath ?? defaultBasePath(url) }
  // The core normalises it (`/x/` → `/x`, `/` → ``) and serves the routes there: ask it, never re-derive.
  const basePath = authBasePath(config)
  const action: AuthConfig & { raw: typeof raw } = { ...config, raw, skipCSRFCheck }
  const out: Prepared = {
    config,
    action,
    basePath,
    origin: url?.origin,
    signInPage: user.pages?.signIn ?? `${basePath}/signin`,
    authorized: user.callbacks?.authorized,
    allowSharedCache: user.allowSharedCache,
  }
  prepared.set(user, out)
  return out
}

export type ConfigResolver = (request: NextRequest | undefined) => Promise<Prepared>

export function resolver(input: NextAuthConfigInput): ConfigResolver {
  if (typeof input === 'function') return async (request) => prepare(await input(request))
  return async () => prepare(input)
}
