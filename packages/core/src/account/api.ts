/**
 * `@latch/core/account`: account management from the app's own server code, the same way `checkSession` reads a
 * session: each helper calls the `{basePath}/account/…` route of Auth() with the request's cookies, so the rules
 * are the routes' own (the signed-in user only; a recent sign-in for unlink, e-mail change, link and delete; the
 * last sign-in method is kept). The CSRF check is the one thing left out: these run in the app's server code,
 * behind the app's own protection (Next server actions and SvelteKit form actions check the Origin; an Express or
 * Hono route the app exposes needs its own). Refusals throw the AuthError of the route's code.
 * Every helper returns `setCookies`: Set-Cookie lines to pass on (a deletion clears the session cookies).
 */
import type { AuthConfig } from '../types.js'
import type { SessionInfo } from '../session/manage.js'
import type { AccountOverview, LinkedAccount } from './operations.js'
import { Auth } from '../auth.js'
import { authBasePath } from '../get-session.js'
import { skipCSRFCheck } from '../symbols.js'
import * as errors from '../errors.js'
import { resolveConfig } from '../config/resolve.js'
import { deleteAccount as deleteUserData, linkedAccounts, unlink } from './operations.js'

export type { AccountOverview, LinkedAccount } from './operations.js'
export type { AccountOptions, AccountEmail } from './types.js'

export interface AccountInfo extends AccountOverview {
  sessions: SessionInfo[]
  strategy: 'jwt' | 'database'
  /** Whether the session's sign-in is recent enough for the sensitive actions (`session.freshAge`). */
  recentSignIn: boolean
}

export type WithCookies<T> = T & { setCookies: string[] }

const FORWARDED = ['cookie', 'x-forwarded-host', 'x-forwarded-proto', 'user-agent']
const serverConfigs = new WeakMap<AuthConfig, AuthConfig>()

/** The app's config without the CSRF check, one object per config (so the core's per-config caches hold). */
function serverConfig(config: AuthConfig): AuthConfig {
  let out = serverConfigs.get(config)
  if (!out) serverConfigs.set(config, (out = { ...config, skipCSRFCheck, raw: undefined }))
  return out
}

/** Call `{basePath}/account/<path>` for the user of `request`; the JSON answer or the route's error, thrown. */
export async function accountCall<T = Record<string, unknown>>(request: Request, config: AuthConfig, path: string, body?: Record<string, unknown>): Promise<WithCookies<T>> {
  const url = new URL(`${authBasePath(config)}/account${path ? `/${path}` : ''}`, request.url)
  const headers = new Headers({ accept: 'application/json' })
  for (const name of FORWARDED) {
    const v = request.headers.get(name)
    if (v !== null) headers.set(name, v)
  }
  if (body) headers.set('content-type', 'application/json')
  const res = await Auth(new Request(url, { method: body ? 'POST' : 'GET', headers, body: body ? JSON.stringify(body) : undefined }), serverConfig(config))
  const data = (await res.json().catch(() => ({}))) as Record<string, unknown>
  if (res.status !== 200) {
    const code = typeof data.error === 'string' ? data.error : 'Configuration'
    const Ctor = (errors as unknown as Record<string, new (m?: string) => errors.AuthError>)[code]
    const message = typeof data.message === 'string' ? data.message : undefined
    throw Ctor && Ctor.prototype instanceof errors.AuthError ? new Ctor(message) : new errors.Configuration(message)
  }
  return { ...(data as T), setCookies: res.headers.getSetCookie() }
}

/** The signed-in user's account (user, linked accounts, password/passkeys, sessions), or null when signed out. */
export async function getAccount(request: Request, config: AuthConfig): Promise<AccountInfo | null> {
  try {
    const { setCookies: _, ...info } = await accountCall<AccountInfo>(request, config, '')
    return info as AccountInfo
  } catch (e) {
    if (e instanceof errors.SessionRequired) return null
    throw e
  }
}

/** The signed-in user's linked OAuth/OIDC accounts ([] when signed out). */
export async function listAccounts(request: Request, config: AuthConfig): Promise<LinkedAccount[]> {
  return (await getAccount(request, config))?.accounts ?? []
}

/** Start linking `provider` to the signed-in user: send the browser to `url` with `setCookies` set. */
export function linkAccount(request: Request, config: AuthConfig, provider: string): Promise<WithCookies<{ url: string }>> {
  return accountCall(request, config, `link/${encodeURIComponent(provider)}`, {})
}

/** Unlink one of the signed-in user's accounts (never the last way to sign in). */
export function unlinkAccount(request: Request, config: AuthConfig, account: { provider: string; providerAccountId?: string }): Promise<WithCookies<{ unlinked: LinkedAccount }>> {
  return accountCall(request, config, 'unlink', { ...account })
}

/** Mail a confirmation link to `email`; the address changes when it is followed. */
export function changeEmail(request: Request, config: AuthConfig, email: string): Promise<WithCookies<{ sent: boolean }>> {
  return accountCall(request, config, 'email', { email })
}

/** Delete the signed-in user's account; pass `setCookies` on (they clear the session). */
export function deleteAccount(request: Request, config: AuthConfig): Promise<WithCookies<{ deleted: boolean }>> {
  return accountCall(request, config, 'delete', {})
}

/** The signed-in user's sessions (database strategy; [] for JWT). */
export async function accountSessions(request: Request, config: AuthConfig): Promise<SessionInfo[]> {
  return (await accountCall<{ sessions: SessionInfo[] }>(request, config, 'sessions')).sessions
}

/** Revoke one of the signed-in user's sessions by its public id. */
export function revokeAccountSession(request: Request, config: AuthConfig, id: string): Promise<WithCookies<{ revoked: number }>> {
  return accountCall(request, config, 'sessions/revoke', { id })
}

/** Sign out every other session of the signed-in user. */
export function revokeOtherSessions(request: Request, config: AuthConfig): Promise<WithCookies<Record<string, unknown>>> {
  return accountCall(request, config, 'sessions/revoke-others', {})
}

/**
 * For administration (support tools, GDPR erasure): the same operations by user id, without a session. Call only
 * from code that has authorised the caller itself.
 */
export function accountAdmin(config: AuthConfig) {
  const ctx = () => ({ options: resolveConfig(config) })
  return {
    listAccounts: (userId: string) => linkedAccounts(ctx(), userId),
    unlink: (userId: string, account: { provider: string; providerAccountId?: string }) => unlink(ctx(), userId, account),
    delete: (userId: string) => deleteUserData(ctx(), userId),
  }
}

/** The helpers above bound to one request, passing every Set-Cookie line to `setCookies` (what the framework packages expose). */
export function accountFor(request: Request, config: AuthConfig, setCookies: (lines: string[]) => void | Promise<void> = () => {}) {
  const apply = async <T extends { setCookies: string[] }>(r: T): Promise<Omit<T, 'setCookies'>> => {
    const { setCookies: lines, ...rest } = r
    if (lines.length) await setCookies(lines)
    return rest
  }
  return {
    get: () => getAccount(request, config),
    listAccounts: () => listAccounts(request, config),
    link: async (provider: string) => apply(await linkAccount(request, config, provider)),
    unlink: async (account: { provider: string; providerAccountId?: string }) => apply(await unlinkAccount(request, config, account)),
    changeEmail: async (email: string) => apply(await changeEmail(request, config, email)),
    delete: async () => apply(await deleteAccount(request, config)),
    sessions: () => accountSessions(request, config),
    revokeSession: async (id: string) => apply(await revokeAccountSession(request, config, id)),
    revokeOtherSessions: async () => apply(await revokeOtherSessions(request, config)),
  }
}

export type AccountHelpers = ReturnType<typeof accountFor>
