import { memoryRefreshLock } from './memory-refresh-lock.js'
import { memoryCredentials } from './memory-credentials.js'
import { memoryTwoFactor } from './memory-two-factor.js'
import type { Adapter, AdapterAccount, AdapterSession, AdapterUser, VerificationToken } from './types.js'

/**
 * The embedded in-memory adapter: every Auth.js adapter method plus Latch's session-management extensions.
 * For tests, demos and single-process apps; data is lost on restart. Every method completes without
 * yielding between its read and its write, so `useVerificationToken` is atomic within the process.
 */
export interface MemoryAdapterOptions {
  /** Milliseconds since epoch; injectable for tests. */
  now?: () => number
}

export type MemoryAdapter = Required<Adapter>

const accountKey = (provider: string, providerAccountId: string) => `${provider.length}:${provider}:${providerAccountId}`
const tokenKey = (identifier: string, token: string) => `${identifier.length}:${identifier}:${token}`

function copy<T extends object>(value: T): T {
  const out = { ...value }
  for (const [k, v] of Object.entries(out)) if (v instanceof Date) (out as Record<string, unknown>)[k] = new Date(v.getTime())
  return out
}

function stripUndefined<T extends object>(value: T): T {
  const out = {} as T
  for (const [k, v] of Object.entries(value)) if (v !== undefined) (out as Record<string, unknown>)[k] = v
  return out
}

/** A new user's first session version: random (below 2^30), so a deleted user's JWTs never match a new user with the same id. */
function initialSessionVersion(): number {
  return crypto.getRandomValues(new Uint32Array(1))[0]! >>> 2
}

export function MemoryAdapter(options: MemoryAdapterOptions = {}): MemoryAdapter {
  const now = options.now ?? Date.now
  const users = new Map<string, AdapterUser>()
  const byEmail = new Map<string, string>()
  const accounts = new Map<string, AdapterAccount>()
  const sessions = new Map<string, AdapterSession>()
  const tokens = new Map<string, VerificationToken>()
  const versions = new Map<string, number>()

  const userSessions = (userId: string) => [...sessions.values()].filter((s) => s.userId === userId)
  const { forget, ...credentials } = memoryCredentials((id) => users.has(id))
  const { enabled: twoFactorEnabled, forget: forgetTwoFactor, ...twoFactor } = memoryTwoFactor((id) => users.has(id))

  return {
    ...memoryRefreshLock(now),
    ...credentials,
    ...twoFactor,
    // getSessionAndUser's user carries twoFactorEnabled: true when enrolled (two-factor/enabled.ts).
    reportsTwoFactorEnabled: () => true,
    createUser(user) {
      const id = typeof user.id === 'string' && user.id && !users.has(user.id) ? user.id : crypto.randomUUID()
      if (user.email && byEmail.has(user.email)) throw new Error('A user with this email already exists')
      const created = { ...stripUndefined(user), id, email: user.email, emailVerified: user.emailVerified ?? null } as AdapterUser
      users.set(id, created)
      versions.set(id, initialSessionVersion())
      if (created.email) byEmail.set(created.email, id)
      return copy(created)
    },
    getUser(id) {
      const u = users.get(id)
      return u ? copy(u) : null
    },
    getUserByEmail(email) {
      const id = byEmail.get(email)
      const u = id === undefined ? undefined : users.get(id)
      return u ? copy(u) : null
    },
    getUserByAccount({ provider, providerAccountId }) {
      const a = accounts.get(accountKey(provider, providerAccountId))
      const u = a ? users.get(a.userId) : undefined
      return u ? copy(u) : null
    },
    updateUser(patch) {
      const existing = users.get(patch.id)
      if (!existing) throw new Error(`No user with id ${patch.id}`)
      const updated = { ...existing, ...stripUndefined(patch) } as AdapterUser
      if (updated.email !== existing.email) {
        if (updated.email && byEmail.has(updated.email)) throw new Error('A user with this email already exists')
        if (existing.email) byEmail.delete(existing.email)
        if (updated.email) byEmail.set(updated.email, updated.id)
      }
      users.set(updated.id, updated)
      return copy(updated)
    },
    deleteUser(userId) {
      const u = users.get(userId)
      if (!u) return null
      users.delete(userId)
      if (u.email) byEmail.delete(u.email)
      for (const [k, a] of accounts) if (a.userId === userId) accounts.delete(k)
      for (const [k, s] of sessions) if (s.userId === userId) sessions.delete(k)
      versions.delete(userId)
      forget(userId)
      forgetTwoFactor(userId)
      return copy(u)
    },
    linkAccount(account) {
      if (!users.has(account.userId)) throw new Error(`No user with id ${account.userId}`)
      const key = accountKey(account.provider, account.providerAccountId)
      if (accounts.has(key)) throw new Error('This account is already linked')
      accounts.set(key, { ...stripUndefined(account) })
      return copy(account)
    },
    getAccount(providerAccountId, provider) {
      const a = accounts.get(accountKey(provider, providerAccountId))
      return a ? copy(a) : null
    },
    listAccounts(userId) {
      return [...accounts.values()].filter((a) => a.userId === userId).map(copy)
    },
    unlinkAccount({ provider, providerAccountId }) {
      const key = accountKey(provider, providerAccountId)
      const a = accounts.get(key)
      accounts.delete(key)
      return a ? copy(a) : undefined
    },
    createSession(session) {
      if (!users.has(session.userId)) throw new Error(`No user with id ${session.userId}`)
      const s = { sessionToken: session.sessionToken, userId: session.userId, expires: new Date(session.expires) }
      sessions.set(s.sessionToken, s)
      return copy(s)
    },
    getSessionAndUser(sessionToken) {
      const s = sessions.get(sessionToken)
      const u = s ? users.get(s.userId) : undefined
      // A user with confirmed two-factor sign-in says so (two-factor/; the session exposes it).
      return s && u ? { session: copy(s), user: twoFactorEnabled(u.id) ? { ...copy(u), twoFactorEnabled: true } : copy(u) } : null
    },
    updateSession(patch) {
      const s = sessions.get(patch.sessionToken)
      if (!s) return null
      const updated = { ...s, ...stripUndefined(patch) }
      sessions.set(s.sessionToken, updated)
      return copy(updated)
    },
    deleteSession(sessionToken) {
      const s = sessions.get(sessionToken)
      sessions.delete(sessionToken)
      return s ? copy(s) : null
    },
    createVerificationToken(token) {
      const t = { identifier: token.identifier, token: token.token, expires: new Date(token.expires) }
      tokens.set(tokenKey(t.identifier, t.token), t)
      return copy(t)
    },
    useVerificationToken({ identifier, token }) {
      // Read and delete in the same synchronous turn: two concurrent callers cannot both get the token.
      const key = tokenKey(identifier, token)
      const t = tokens.get(key)
      if (!t) return null
      tokens.delete(key)
      return copy(t)
    },
    listSessions(userId) {
      const t = now()
      return userSessions(userId)
        .filter((s) => s.expires.getTime() > t)
        .map(copy)
    },
    deleteSessionsByUser(userId) {
      for (const s of userSessions(userId)) sessions.delete(s.sessionToken)
    },
    getSessionVersion(userId) {
      if (!users.has(userId)) return null
      return versions.get(userId) ?? 0
    },
    bumpSessionVersion(userId) {
      const v = (versions.get(userId) ?? 0) + 1
      versions.set(userId, v)
      return v
    },
  }
}

export default MemoryAdapter
