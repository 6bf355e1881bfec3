import type { Adapter, AdapterSession } from '../adapters/types.js'
import type { AuthConfig } from '../types.js'
import { resolveConfig } from '../config/resolve.js'
import { parseCookies } from '../http/cookies.js'
import { publicOrigin } from '../http/origin.js'
import { toHex } from '../tokens/compare.js'
import { MissingAdapter } from '../errors.js'
import { adapterCall } from './database-session.js'
import { isSessionTokenShape } from './token-shape.js'
import { rememberVersion } from './version-cache.js'

/**
 * Session management Auth.js lacks. Database strategy: list a user's sessions, revoke one, some or all.
 * JWT strategy: `signOutEverywhere` bumps the user's session version, so every token issued before stops
 * being a session on its next read. Call these from your own (authenticated!) routes.
 */
export interface SessionInfo {
  /** A stable public id (SHA-256 of the token, truncated): safe to render, useless as a credential. */
  id: string
  userId: string
  expires: Date
  /** Whether this is the session of the `request` passed in. */
  current: boolean
}

async function sessionId(sessionToken: string): Promise<string> {
  const digest = new Uint8Array(await crypto.subtle.digest('SHA-256', new TextEncoder().encode(`latch-session:${sessionToken}`)))
  return toHex(digest.subarray(0, 16))
}

function adapterOf(config: AuthConfig, ...methods: (keyof Adapter)[]): Adapter {
  const adapter = resolveConfig(config).adapter
  if (!adapter) throw new MissingAdapter('Session management needs config.adapter')
  for (const m of methods) {
    if (typeof adapter[m] !== 'function') throw new MissingAdapter(`Session management needs adapter.${m}() (a Latch adapter extension)`)
  }
  return adapter
}

/**
 * The session token a request carries (database strategy), if any. The cookie name follows the public origin
 * exactly as Auth() derives it (AUTH_URL, else X-Forwarded-Proto with trustHost), so it throws UntrustedHost
 * where Auth() would.
 */
export function sessionTokenOf(config: AuthConfig, request: Request): string | undefined {
  const resolved = resolveConfig(config)
  const secure = publicOrigin(request, resolved).protocol === 'https:'
  const jar = parseCookies(request.headers.get('cookie'))
  const token = jar.get(resolved.cookiesFor(secure).sessionToken.name)
  // Only a token of the shape this app mints; anything else is no session (and never reaches the adapter).
  return isSessionTokenShape(token, Boolean(config.session?.generateSessionToken)) ? token : undefined
}

async function userSessions(config: AuthConfig, userId: string): Promise<AdapterSession[]> {
  const adapter = adapterOf(config, 'listSessions')
  const now = resolveConfig(config).now() * 1000
  const rows = await adapterCall('listSessions', () => adapter.listSessions!(userId))
  return rows.filter((s) => s.userId === userId && new Date(s.expires).getTime() > now)
}

/** The live sessions of a user, newest expiry first. */
export async function listSessions(config: AuthConfig, userId: string, options: { request?: Request } = {}): Promise<SessionInfo[]> {
  const current = options.request ? sessionTokenOf(config, options.request) : undefined
  const rows = await userSessions(config, userId)
  const out = await Promise.all(
    rows.map(async (s) => ({ id: await sessionId(s.sessionToken), userId: s.userId, expires: new Date(s.expires), current: s.sessionToken === current })),
  )
  return out.sort((a, b) => b.expires.getTime() - a.expires.getTime())
}

/** Revoke one of the user's sessions by its public id. Returns false when the user has no such session. */
export async function revokeSession(config: AuthConfig, userId: string, id: string): Promise<boolean> {
  const adapter = adapterOf(config, 'listSessions', 'deleteSession')
  for (const s of await userSessions(config, userId)) {
    if ((await sessionId(s.sessionToken)) === id) {
      await adapterCall('deleteSession', () => adapter.deleteSession!(s.sessionToken))
      return true
    }
  }
  return false
}

/**
 * Revoke several (or all) of the user's database sessions. `except: request` keeps the session of that
 * request ("sign out other devices"). Returns how many were revoked.
 */
export async function revokeSessions(config: AuthConfig, userId: string, options: { ids?: string[]; except?: Request } = {}): Promise<number> {
  const adapter = adapterOf(config, 'listSessions', 'deleteSession')
  const keep = options.except ? sessionTokenOf(config, options.except) : undefined
  const wanted = options.ids ? new Set(options.ids) : undefined
  let n = 0
  for (const s of await userSessions(config, userId)) {
    if (s.sessionToken === keep) continue
    if (wanted && !wanted.has(await sessionId(s.sessionToken))) continue
    await adapterCall('deleteSession', () => adapter.deleteSession!(s.sessionToken))
    n++
  }
  return n
}

/**
 * Sign the user out on every device, whatever the strategy: bumps the session version (ending every JWT
 * issued so far) and deletes every database session row. Returns the new session version.
 */
export async function signOutEverywhere(config: AuthConfig, userId: string): Promise<number> {
  const adapter = adapterOf(config, 'bumpSessionVersion')
  const version = await adapterCall('bumpSessionVersion', () => adapter.bumpSessionVersion!(userId))
  // This instance's session checks see the new version at once; other instances within versionCacheMaxAge.
  rememberVersion(adapter, userId, Number(version), resolveConfig(config).now())
  if (adapter.deleteSessionsByUser) await adapterCall('deleteSessionsByUser', () => adapter.deleteSessionsByUser!(userId))
  else if (adapter.listSessions && adapter.deleteSession) {
    for (const s of await adapterCall('listSessions', () => adapter.listSessions!(userId))) await adapterCall('deleteSession', () => adapter.deleteSession!(s.sessionToken))
  }
  return Number(version)
}

/** Alias: revoke every session of a user (database rows and JWTs). */
export const revokeAllSessions = signOutEverywhere

/** The same functions bound to one config: `const sessions = sessionManager(config); await sessions.list(userId)`. */
export function sessionManager(config: AuthConfig) {
  return {
    list: (userId: string, options?: { request?: Request }) => listSessions(config, userId, options),
    revoke: (userId: string, id: string) => revokeSession(config, userId, id),
    revokeMany: (userId: string, options?: { ids?: string[]; except?: Request }) => revokeSessions(config, userId, options),
    signOutEverywhere: (userId: string) => signOutEverywhere(config, userId),
    tokenOf: (request: Request) => sessionTokenOf(config, request),
  }
}
