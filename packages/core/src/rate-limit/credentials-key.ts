import type { CredentialsConfig } from '../providers/types.js'
import type { User } from '../types.js'
import type { RateLimitConfig } from './types.js'

/** Field names that usually name an account, in the order they are preferred. */
const ACCOUNT_FIELDS = ['email', 'username', 'identifier', 'login']

export interface CredentialsKeys {
  /** The identifiers whose counters this attempt is counted against (before `authorize` runs). */
  counted: string[]
  /** The identifiers whose counters a successful sign-in may reset. */
  resetOnSuccess(user: User): string[]
}

function isSecretField(name: string, input: unknown): boolean {
  const type = input && typeof input === 'object' ? (input as { type?: unknown }).type : undefined
  return type === 'password' || /password|passcode|passphrase|secret|^(pass|otp|totp|pin|code|token)$/i.test(name)
}

/**
 * The field the app declared as the account name: the rate-limit option when it is a field name, else the
 * provider's first declared account-like field (email, username, identifier, login), else its first declared
 * field that is not a secret. Undefined when the provider declares no fields.
 */
export function declaredIdentifierField(provider: CredentialsConfig, rl: RateLimitConfig): string | undefined {
  if (typeof rl.credentialsIdentifier === 'string') return rl.credentialsIdentifier
  const declared = Object.entries(provider.credentials ?? {})
  const named = declared.find(([name]) => ACCOUNT_FIELDS.includes(name.toLowerCase()))
  if (named) return named[0]
  return declared.find(([name, input]) => !isSecretField(name, input))?.[0]
}

const nonEmpty = (v: unknown): v is string => typeof v === 'string' && v.trim() !== ''

/**
 * Whose counters a credentials attempt is counted against. The app decides the field (or a function of its own);
 * the client only supplies values. Extra fields a client adds never choose the counter, so they can neither give
 * an attempt a fresh counter nor point a success at another account's counter.
 */
export function credentialsKeys(provider: CredentialsConfig, rl: RateLimitConfig, credentials: Record<string, string>): CredentialsKeys {
  if (typeof rl.credentialsIdentifier === 'function') {
    const v = rl.credentialsIdentifier(credentials, provider.id)
    const counted = nonEmpty(v) ? [v] : []
    return { counted, resetOnSuccess: () => counted }
  }
  const field = declaredIdentifierField(provider, rl)
  if (field !== undefined) {
    const v = credentials[field]
    const counted = nonEmpty(v) ? [v] : []
    return { counted, resetOnSuccess: () => counted }
  }
  // Nothing declared: count every account-like field sent, so adding one never escapes the counter of another.
  const counted = [...new Set(ACCOUNT_FIELDS.map((f) => credentials[f]).filter(nonEmpty))]
  return {
    counted,
    // A success proves the account of the one field sent; with several, it proves none of them for sure, unless
    // authorize() reports the account back as the user's email or id.
    resetOnSuccess(user) {
      if (counted.length === 1) return counted
      const reported = [user.email, user.id].map((v) => (typeof v === 'number' ? String(v) : v)).filter(nonEmpty).map((s) => s.trim().toLowerCase())
      return counted.filter((c) => reported.includes(c.trim().toLowerCase()))
    },
  }
}
